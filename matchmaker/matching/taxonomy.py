"""The shared taxonomy of what companies offer and seek, in English, Chinese and French.

A topic is either an *activity* (what kind of partner or service: distribution, licensing,
joint R&D…), a *domain* (what it is about: wine, tea, medical devices, EV batteries…) or a
*region* (where: Western China, Germany…). Companies tick topics on their profile; free text
in any of the three languages is mapped to topics by the keywords below (``matching.text``), so a
French profile and a Chinese one meet on substance even when they share no word.

Keywords are matching data, not user interface: they are never shown. Labels are shown and go
through Flask-Babel. Latin keywords are written in their base form; the tokenizer folds case,
accents and plural endings. Chinese keywords are added to jieba's dictionary so that they come out
of segmentation as one word.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


class TopicKind(enum.StrEnum):
    ACTIVITY = "activity"
    DOMAIN = "domain"
    REGION = "region"


@dataclass(frozen=True)
class Topic:
    id: str
    kind: TopicKind
    label: object  # a lazy string, translated when rendered
    en: tuple[str, ...] = ()
    fr: tuple[str, ...] = ()
    zh: tuple[str, ...] = ()


def _t(topic_id, kind, label, en="", fr="", zh=""):
    def split(words: str) -> tuple[str, ...]:
        return tuple(w.strip() for w in words.split("|") if w.strip())

    return Topic(topic_id, kind, label, split(en), split(fr), split(zh))


A, D, R = TopicKind.ACTIVITY, TopicKind.DOMAIN, TopicKind.REGION

TOPICS: tuple[Topic, ...] = (
    # --- activities: the kind of partner or cooperation ---
    _t("distribution", A, _l("Distribution"),
       "distributor|distribution|distribute|dealer|reseller|wholesale|wholesaler|sales network|"
       "sales channel|agent|sales agent",
       "distributeur|distribution|distribuer|revendeur|grossiste|vente en gros|réseau de vente|"
       "réseau de distribution|agent commercial|concessionnaire",
       "经销商|分销|经销|代理商|代理|批发|批发商|销售网络|销售渠道|渠道|分销商|总代理"),
    _t("import", A, _l("Import"),
       "importer|import|importing",
       "importateur|importation|importer",
       "进口|进口商|进口商品"),
    _t("export", A, _l("Export"),
       "exporter|export|exporting|overseas market|international market",
       "exportateur|exportation|exporter|marché international|marchés étrangers",
       "出口|出口商|海外市场|国际市场|外贸"),
    _t("retail", A, _l("Retail and restaurants"),
       "retail|retailer|supermarket|shop|store|restaurant|food service|foodservice|catering|"
       "department store|hypermarket|specialty retailer",
       "commerce de détail|détaillant|supermarché|magasin|boutique|restaurant|restauration|"
       "grande distribution|épicerie fine|traiteur",
       "零售|零售商|超市|商超|门店|餐厅|餐饮|百货|专卖店|连锁店|商场"),
    _t("ecommerce", A, _l("E-commerce"),
       "e-commerce|ecommerce|online shop|online sales|marketplace|cross-border e-commerce|tmall|"
       "jd|alibaba|livestream|online store",
       "e-commerce|commerce en ligne|vente en ligne|boutique en ligne|place de marché|"
       "commerce électronique|commerce transfrontalier",
       "电商|电子商务|跨境电商|网店|天猫|京东|直播带货|线上销售|网络销售|淘宝|拼多多"),
    _t("manufacturing", A, _l("Manufacturing and OEM"),
       "manufacturer|manufacturing|factory|production|producer|oem|odm|contract manufacturing|"
       "plant|assembly|supplier|production line|mass production",
       "fabricant|fabrication|usine|production|producteur|sous-traitance|assemblage|"
       "fournisseur|ligne de production|manufacture",
       "制造|生产|工厂|厂家|生产商|代工|贴牌|加工|组装|供应商|生产线|制造商|生产基地"),
    _t("sourcing", A, _l("Sourcing and procurement"),
       "sourcing|procurement|purchasing|buyer|buy|purchase|supply chain",
       "approvisionnement|achat|acheteur|achats|chaîne d'approvisionnement|sourcing",
       "采购|采购商|买家|供应链|寻源"),
    _t("licensing", A, _l("Licensing and franchising"),
       "licence|license|licensing|licensee|franchise|franchising|brand licensing|patent",
       "licence|franchise|franchisé|brevet|concession de licence",
       "授权|许可|特许经营|加盟|专利|品牌授权"),
    _t("technology_transfer", A, _l("Technology transfer and know-how"),
       "technology transfer|know-how|knowhow|technical cooperation|expertise|technology partner",
       "transfert de technologie|savoir-faire|coopération technique|expertise",
       "技术转让|技术合作|技术引进|专有技术"),
    _t("research", A, _l("Joint research and development"),
       "research|r&d|joint research|innovation|laboratory|lab|university|"
       "research institute|co-development|pilot project",
       "recherche|r&d|recherche conjointe|innovation|laboratoire|université|"
       "institut de recherche|co-développement|projet pilote",
       "研发|研究|联合研发|创新|实验室|大学|研究院|研究所|试点|科研|产学研"),
    _t("investment", A, _l("Investment and financing"),
       "investment|investor|invest|capital|financing|funding|venture capital|equity|fund|"
       "acquisition|shareholder",
       "investissement|investisseur|investir|capital|financement|capital-risque|fonds|"
       "acquisition|actionnaire|levée de fonds",
       "投资|投资者|投资方|资本|融资|风投|股权|基金|并购|收购|股东|注资"),
    _t("joint_venture", A, _l("Joint venture"),
       "joint venture|jv|partnership|strategic partner|strategic partnership|alliance",
       "coentreprise|joint-venture|joint venture|partenariat|partenaire stratégique|alliance",
       "合资|合资企业|合资公司|战略合作|战略伙伴|联盟"),
    _t("logistics", A, _l("Logistics and warehousing"),
       "logistics|freight|shipping|warehouse|warehousing|cold chain|cold-chain|transport|"
       "forwarder|freight forwarder|rail freight|bonded warehouse|customs clearance",
       "logistique|fret|transport|entrepôt|entreposage|chaîne du froid|transitaire|"
       "entrepôt sous douane|dédouanement|ferroviaire",
       "物流|货运|运输|仓储|仓库|冷链|货代|中欧班列|保税仓|清关|报关|冷链物流"),
    _t("certification", A, _l("Certification and regulatory approval"),
       "certification|certificate|regulatory|approval|registration|compliance|standard|"
       "food safety|ce marking|testing|inspection|quality control",
       "certification|certificat|réglementation|réglementaire|homologation|agrément|conformité|"
       "norme|sécurité alimentaire|marquage ce|essais|contrôle qualité",
       "认证|注册|合规|审批|标准|食品安全|检测|检验|质检|资质|准入"),
    _t("consulting", A, _l("Consulting and market entry"),
       "consulting|consultancy|consultant|advisory|market entry|legal|law firm|accounting|"
       "market research|business services",
       "conseil|consultant|accompagnement|implantation|étude de marché|juridique|cabinet|"
       "comptabilité|services aux entreprises",
       "咨询|顾问|市场准入|法律|律师|会计|市场调研|商务服务|落地服务"),
    _t("marketing", A, _l("Marketing and brand promotion"),
       "marketing|brand|branding|promotion|advertising|media|communication|social media",
       "marketing|marque|promotion|publicité|médias|communication|réseaux sociaux",
       "营销|品牌|推广|广告|媒体|宣传|新媒体|品牌推广"),
    _t("engineering", A, _l("Engineering and installation services"),
       "engineering|installation|maintenance|after-sales|after sales|commissioning|"
       "integration|system integrator|epc|turnkey",
       "ingénierie|installation|maintenance|service après-vente|mise en service|intégration|"
       "intégrateur|clé en main",
       "工程|安装|维护|售后|调试|集成|系统集成|总包|交钥匙"),
    _t("training", A, _l("Training and education"),
       "training|education|school|academy|course|vocational|student exchange|talent",
       "formation|éducation|école|académie|échange d'étudiants|talents",
       "培训|教育|学校|学院|课程|职业教育|留学|人才"),
    # --- domains: what the business is about ---
    _t("food", D, _l("Food and ingredients"),
       "food|ingredient|snack|confectionery|chocolate|biscuit|ready meal|frozen food|"
       "seasoning|spice|sauce|delicatessen|olive oil|flavouring|noodle|dumpling|condiment|"
       "agri-food|pepper|mushroom|bamboo shoot|infant formula|hotpot",
       "alimentaire|aliment|ingrédient|épicerie|confiserie|chocolat|biscuit|plat préparé|"
       "surgelé|assaisonnement|épice|sauce|huile d'olive|arôme|nouille|condiment|"
       "agroalimentaire|poivre|champignon",
       "食品|食材|配料|零食|糖果|巧克力|饼干|预制菜|速冻|调味品|调料|香料|酱料|橄榄油|"
       "面条|饺子|火锅|底料|花椒|蘑菇|竹笋|农产品|婴幼儿配方|泡菜|榨菜"),
    _t("wine", D, _l("Wine, beer and spirits"),
       "wine|winery|vineyard|beer|brewery|spirits|whisky|brandy|cognac|liquor|baijiu|"
       "champagne|distillery|appellation",
       "vin|vins|vignoble|domaine viticole|bière|brasserie|spiritueux|whisky|cognac|"
       "eau-de-vie|champagne|distillerie|appellation",
       "葡萄酒|红酒|酒庄|啤酒|精酿|烈酒|威士忌|白兰地|白酒|酒业|香槟|酒类|酿酒"),
    _t("tea", D, _l("Tea and coffee"),
       "tea|green tea|black tea|dark tea|coffee|tea beverage",
       "thé|thé vert|thé noir|café|infusion",
       "茶|茶叶|绿茶|红茶|黑茶|茶饮|咖啡|茶业|茶饮料"),
    _t("dairy", D, _l("Dairy and meat"),
       "dairy|milk|cheese|yoghurt|yogurt|butter|meat|pork|beef|poultry",
       "laitier|produit laitier|lait|fromage|yaourt|beurre|viande|porc|bœuf|volaille",
       "乳制品|牛奶|奶酪|酸奶|黄油|肉类|猪肉|牛肉|禽肉|乳业"),
    _t("agriculture", D, _l("Agriculture and agri-tech"),
       "agriculture|farming|farm|crop|seed|fertiliser|fertilizer|greenhouse|irrigation|"
       "agritech|livestock|fruit|vegetable",
       "agriculture|agricole|exploitation agricole|semence|engrais|serre|irrigation|"
       "élevage|fruit|légume",
       "农业|种植|农场|作物|种子|化肥|温室|灌溉|智慧农业|养殖|水果|蔬菜|畜牧"),
    _t("machinery", D, _l("Machinery and industrial equipment"),
       "machinery|machine|machine tool|industrial equipment|pump|valve|compressor|"
       "cnc|hydraulic|packaging machine|precision tools",
       "machine|machines|machine-outil|équipement industriel|pompe|vanne|"
       "compresseur|hydraulique|outillage",
       "机械|机器|机床|装备|泵|阀门|压缩机|数控|液压|包装机械|工业设备|精密工具"),
    _t("automation", D, _l("Automation and robotics"),
       "automation|robot|robotics|industrial automation|plc|sensor|smart factory|"
       "industry 4.0|machine vision",
       "automatisation|robot|robotique|capteur|usine intelligente|industrie 4.0|"
       "vision industrielle",
       "自动化|机器人|工业机器人|传感器|智能工厂|智能制造|工业4.0|机器视觉"),
    _t("automotive", D, _l("Automotive and electric vehicles"),
       "automotive|car|vehicle|electric vehicle|ev|auto parts|automotive parts|truck|"
       "charging|charging station|motorcycle",
       "automobile|voiture|véhicule|véhicule électrique|pièces automobiles|équipementier|"
       "camion|recharge|borne de recharge",
       "汽车|整车|新能源汽车|电动汽车|汽车零部件|零部件|卡车|充电桩|充电|摩托车"),
    _t("batteries", D, _l("Batteries and energy storage"),
       "battery|batteries|lithium|energy storage|battery cell|cathode|anode",
       "batterie|batteries|lithium|stockage d'énergie|cellule|cathode",
       "电池|锂电池|锂电|储能|电芯|正极|负极|动力电池"),
    _t("renewables", D, _l("Renewable energy"),
       "renewable|solar|photovoltaic|pv|wind|wind turbine|hydrogen|hydropower|biomass|"
       "clean energy|green energy|energy efficiency",
       "renouvelable|solaire|photovoltaïque|éolien|éolienne|hydrogène|hydroélectricité|"
       "biomasse|énergie propre|efficacité énergétique",
       "可再生能源|光伏|太阳能|风电|风能|氢能|氢|水电|生物质|清洁能源|绿色能源|节能"),
    _t("electronics", D, _l("Electronics and semiconductors"),
       "electronics|electronic|semiconductor|chip|pcb|display|led|component|"
       "electrical equipment|power electronics|optoelectronics",
       "électronique|semi-conducteur|puce|circuit imprimé|écran|led|composant|"
       "équipement électrique",
       "电子|半导体|芯片|电路板|显示屏|元器件|电气|电器|光电|集成电路"),
    _t("software", D, _l("Software, data and AI"),
       "software|saas|cloud|data|artificial intelligence|ai|app|platform|digital|"
       "cybersecurity|big data|internet of things|iot|fintech|smart city",
       "logiciel|informatique|saas|cloud|données|intelligence artificielle|ia|application|"
       "plateforme|numérique|cybersécurité|objets connectés|ville intelligente",
       "软件|信息技术|云计算|数据|大数据|人工智能|平台|数字化|网络安全|物联网|"
       "金融科技|智慧城市|互联网"),
    _t("medical", D, _l("Medical devices and healthcare"),
       "medical|medical device|healthcare|hospital|clinic|diagnostic|imaging|elderly care|"
       "rehabilitation|telemedicine|dental",
       "médical|dispositif médical|santé|hôpital|clinique|diagnostic|imagerie|"
       "soins aux personnes âgées|rééducation|télémédecine|dentaire",
       "医疗|医疗器械|医疗设备|医院|诊所|诊断|影像|养老|康复|远程医疗|口腔|健康"),
    _t("pharma", D, _l("Pharmaceuticals and biotechnology"),
       "pharmaceutical|pharma|drug|medicine|biotech|biotechnology|vaccine|"
       "active ingredient|clinical trial|traditional chinese medicine|tcm|enzyme",
       "pharmaceutique|médicament|biotechnologie|vaccin|principe actif|essai clinique|"
       "médecine traditionnelle chinoise|enzyme",
       "制药|医药|药品|药物|生物技术|生物医药|疫苗|原料药|临床试验|中药|中医药|酶制剂"),
    _t("cosmetics", D, _l("Cosmetics and personal care"),
       "cosmetics|cosmetic|beauty|skincare|skin care|perfume|fragrance|personal care",
       "cosmétique|cosmétiques|beauté|soin de la peau|parfum|hygiène",
       "化妆品|美妆|护肤|香水|个人护理|美容"),
    _t("textiles", D, _l("Textiles, fashion and leather"),
       "textile|textiles|fashion|apparel|clothing|garment|leather|silk|shoes|footwear|fabric",
       "textile|mode|habillement|vêtement|cuir|soie|chaussure|tissu|prêt-à-porter",
       "纺织|服装|服饰|时尚|皮革|丝绸|蜀锦|鞋|面料|成衣"),
    _t("chemicals", D, _l("Chemicals and materials"),
       "chemical|chemicals|polymer|plastic|coating|paint|resin|specialty chemicals|"
       "new materials|composite|rubber|fibre",
       "chimique|chimie|polymère|plastique|revêtement|peinture|résine|matériaux|composite|"
       "caoutchouc|fibre",
       "化工|化学品|聚合物|塑料|涂料|油漆|树脂|新材料|复合材料|橡胶|纤维|精细化工"),
    _t("environment", D, _l("Water, waste and environmental technology"),
       "environmental|environment|water treatment|wastewater|waste|recycling|"
       "air purification|pollution|circular economy|waste management|sewage|emission",
       "environnement|environnemental|traitement de l'eau|eaux usées|déchets|recyclage|"
       "purification de l'air|pollution|économie circulaire|gestion des déchets|émissions",
       "环保|环境|水处理|污水|废水|垃圾|废弃物|回收|再生|空气净化|污染|循环经济|固废|减排"),
    _t("construction", D, _l("Construction and building materials"),
       "construction|building|building materials|architecture|architect|cement|steel|glass|"
       "infrastructure|real estate|interior design|prefabricated|urban planning",
       "construction|bâtiment|matériaux de construction|architecture|architecte|ciment|"
       "acier|verre|infrastructure|immobilier|aménagement intérieur|urbanisme",
       "建筑|建材|建筑材料|建设|设计院|水泥|钢材|玻璃|基础设施|房地产|室内设计|装配式|城市规划"),
    _t("furniture", D, _l("Furniture and home goods"),
       "furniture|household|kitchen|ceramics|porcelain|lighting|home appliance|"
       "appliance|tableware",
       "meuble|mobilier|électroménager|cuisine|céramique|porcelaine|luminaire|"
       "arts de la table",
       "家具|家居|家用|厨具|陶瓷|瓷器|照明|灯具|家电|餐具"),
    _t("luxury", D, _l("Luxury goods, design and crafts"),
       "luxury|jewellery|jewelry|watch|craft|handicraft|art|gift",
       "luxe|haut de gamme|joaillerie|bijou|horlogerie|montre|artisanat|art|cadeau",
       "奢侈品|珠宝|首饰|手表|工艺品|手工艺|艺术|礼品|文创"),
    _t("aerospace", D, _l("Aerospace, rail and transport equipment"),
       "aerospace|aviation|aircraft|airport|drone|uav|railway|rail|train|metro|shipbuilding",
       "aéronautique|aérospatial|aviation|avion|aéroport|drone|ferroviaire|train|métro|"
       "construction navale",
       "航空|航天|飞机|机场|无人机|轨道交通|铁路|高铁|地铁|船舶"),
    _t("tourism", D, _l("Tourism and hospitality"),
       "tourism|tourist|travel|hotel|hospitality|tour operator|destination|panda|"
       "cultural exchange|event",
       "tourisme|touristique|voyage|hôtel|hôtellerie|voyagiste|destination|"
       "échange culturel|événementiel",
       "旅游|旅行|酒店|文旅|旅行社|目的地|熊猫|文化交流|会展"),
    _t("finance", D, _l("Finance, insurance and legal services"),
       "finance|bank|banking|insurance|payment|leasing|trade finance",
       "finance|banque|bancaire|assurance|paiement|crédit-bail|financement du commerce",
       "金融|银行|保险|支付|租赁|贸易融资"),
    _t("packaging", D, _l("Packaging and printing"),
       "packaging|package|printing|label|carton|bottle|container",
       "emballage|conditionnement|impression|étiquette|carton|bouteille|contenant",
       "包装|印刷|标签|纸箱|瓶|容器"),
    # --- regions: where the partner or market should be ---
    _t("western_china", R, _l("Western China (Sichuan, Chongqing)"),
       "western china|west china|sichuan|chengdu|chongqing|yunnan|guizhou|shaanxi|xi'an|"
       "tianfu|southwest china",
       "chine de l'ouest|ouest de la chine|sichuan|chengdu|chongqing|yunnan|guizhou|"
       "sud-ouest de la chine",
       "西部|中国西部|西南|四川|成都|重庆|云南|贵州|陕西|西安|天府|川渝|成渝"),
    _t("china", R, _l("China"),
       "china|chinese market|chinese|mainland",
       "chine|marché chinois|chinois",
       "中国|国内|国内市场|全国"),
    _t("europe", R, _l("Europe"),
       "europe|european|eu|european union|european market",
       "europe|européen|européenne|union européenne|ue|marché européen",
       "欧洲|欧盟|欧洲市场|欧洲国家"),
    _t("france", R, _l("France"), "france|french", "france|français|française", "法国"),
    _t("germany", R, _l("Germany"), "germany|german", "allemagne|allemand|allemande", "德国"),
    _t("italy", R, _l("Italy"), "italy|italian", "italie|italien|italienne", "意大利"),
    _t("spain", R, _l("Spain"), "spain|spanish", "espagne|espagnol|espagnole", "西班牙"),
)  # fmt: skip

TOPICS_BY_ID: dict[str, Topic] = {topic.id: topic for topic in TOPICS}
ACTIVITIES = tuple(t.id for t in TOPICS if t.kind == TopicKind.ACTIVITY)
DOMAINS = tuple(t.id for t in TOPICS if t.kind == TopicKind.DOMAIN)
REGIONS = tuple(t.id for t in TOPICS if t.kind == TopicKind.REGION)

# Where a company is, as a region topic: its country, and its province for China.
COUNTRY_REGIONS = {"FR": "france", "DE": "germany", "IT": "italy", "ES": "spain", "CN": "china"}
WESTERN_CHINA_PROVINCES = {
    "Sichuan", "Chongqing", "Yunnan", "Guizhou", "Shaanxi", "Tibet", "Gansu", "Qinghai",
    "Ningxia", "Xinjiang", "Guangxi", "Inner Mongolia",
}  # fmt: skip

# NACE Rev. 2 divisions → the domain topics a company of that sector offers by nature.
SECTOR_DOMAINS: dict[str, tuple[str, ...]] = {
    "01": ("agriculture",),
    "10": ("food",),
    "11": ("wine",),
    "13": ("textiles",),
    "14": ("textiles",),
    "15": ("textiles",),
    "20": ("chemicals",),
    "21": ("pharma",),
    "22": ("chemicals",),
    "23": ("construction",),
    "26": ("electronics",),
    "27": ("electronics", "batteries"),
    "28": ("machinery",),
    "29": ("automotive",),
    "30": ("aerospace",),
    "31": ("furniture",),
    "32": ("medical", "luxury"),
    "35": ("renewables",),
    "36": ("environment",),
    "38": ("environment",),
    "41": ("construction",),
    "42": ("construction",),
    "46": (),
    "52": (),
    "55": ("tourism",),
    "62": ("software",),
    "63": ("software",),
    "64": ("finance",),
    "65": ("finance",),
    "70": (),
    "71": ("construction",),
    "72": ("pharma",),
    "79": ("tourism",),
    "85": (),
    "86": ("medical",),
}

# NACE divisions → the activity topics a company of that sector offers by nature.
SECTOR_ACTIVITIES: dict[str, tuple[str, ...]] = {
    "46": ("distribution", "import", "export"),
    "47": ("retail",),
    "52": ("logistics",),
    "49": ("logistics",),
    "70": ("consulting",),
    "69": ("consulting",),
    "71": ("engineering",),
    "72": ("research",),
    "73": ("marketing",),
    "85": ("training",),
    "64": ("investment",),
}

# Supply-chain neighbours: divisions whose companies typically buy from or sell to each other.
SECTOR_NEIGHBOURS: dict[str, frozenset[str]] = {}


def _link(*groups: tuple[str, ...]) -> None:
    for group in groups:
        for a in group:
            SECTOR_NEIGHBOURS.setdefault(a, set()).update(b for b in group if b != a)  # type: ignore[attr-defined]


_link(
    ("01", "10", "11", "46", "52"),  # farm to fork
    ("10", "11", "47", "56"),
    ("20", "21", "22", "72", "86"),  # chemistry, pharma, research, health
    ("21", "32", "86", "72"),
    ("26", "27", "28", "29", "30"),  # electronics to vehicles
    ("27", "35", "28"),  # electrical equipment and energy
    ("36", "37", "38", "39", "35"),  # water, waste, energy
    ("23", "41", "42", "43", "71", "31"),  # building
    ("62", "63", "26", "72"),  # digital
    ("55", "56", "79", "11"),  # hospitality and tourism
    ("13", "14", "15", "46", "47"),  # textiles to shops
    ("49", "50", "51", "52", "46"),  # transport and trade
)
SECTOR_NEIGHBOURS = {k: frozenset(v) for k, v in SECTOR_NEIGHBOURS.items()}


def topic_choices(kind: TopicKind | None = None) -> list[tuple[str, object]]:
    """(id, label) pairs for the profile's topic check-boxes."""
    return [(t.id, t.label) for t in TOPICS if kind is None or t.kind == kind]


def is_topic(topic_id: str) -> bool:
    return topic_id in TOPICS_BY_ID
