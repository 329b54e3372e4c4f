"""Data tables for the demo fair: where companies come from, what they are called, what they do.

Plain data, no logic. Weights are relative. Everything here is invented; names are built from
common surnames and place names so that no real company is meant.
"""

from __future__ import annotations

from matchmaker.enums import CooperationType as C
from matchmaker.enums import SizeBand

# --- Europe -------------------------------------------------------------------------------------

# country → (weight, national language, legal forms, [(city, region)], surnames, first names)
EU_COUNTRIES: dict[str, tuple] = {
    "DE": (
        18,
        "de",
        ["GmbH", "GmbH & Co. KG", "AG"],
        [
            ("Munich", "Bavaria"),
            ("Stuttgart", "Baden-Württemberg"),
            ("Hamburg", "Hamburg"),
            ("Düsseldorf", "North Rhine-Westphalia"),
            ("Dresden", "Saxony"),
            ("Nuremberg", "Bavaria"),
        ],
        ["Hoffmann", "Becker", "Schäfer", "Krüger", "Wagner", "Vogel", "Brandt", "Lehmann"],
        ["Anna", "Jonas", "Katrin", "Matthias", "Sabine", "Tobias"],
    ),
    "FR": (
        12,
        "fr",
        ["SAS", "SA", "SARL"],
        [
            ("Lyon", "Auvergne-Rhône-Alpes"),
            ("Toulouse", "Occitanie"),
            ("Bordeaux", "Nouvelle-Aquitaine"),
            ("Nantes", "Pays de la Loire"),
            ("Paris", "Île-de-France"),
        ],
        ["Moreau", "Lefèvre", "Garnier", "Chevalier", "Rousseau", "Fontaine", "Girard"],
        ["Camille", "Julien", "Élodie", "Nicolas", "Claire", "Antoine"],
    ),
    "IT": (
        12,
        "it",
        ["S.r.l.", "S.p.A."],
        [
            ("Milan", "Lombardy"),
            ("Bologna", "Emilia-Romagna"),
            ("Turin", "Piedmont"),
            ("Verona", "Veneto"),
            ("Florence", "Tuscany"),
        ],
        ["Rossi", "Bianchi", "Ferrari", "Colombo", "Ricci", "Marchetti", "Galli", "Conti"],
        ["Giulia", "Marco", "Francesca", "Luca", "Chiara", "Davide"],
    ),
    "ES": (
        8,
        "es",
        ["S.L.", "S.A."],
        [
            ("Barcelona", "Catalonia"),
            ("Valencia", "Valencian Community"),
            ("Bilbao", "Basque Country"),
            ("Madrid", "Community of Madrid"),
        ],
        ["García", "Navarro", "Romero", "Serrano", "Ortega", "Delgado"],
        ["Lucía", "Javier", "Marta", "Pablo", "Elena", "Sergio"],
    ),
    "NL": (
        7,
        "nl",
        ["B.V."],
        [
            ("Rotterdam", "South Holland"),
            ("Eindhoven", "North Brabant"),
            ("Utrecht", "Utrecht"),
            ("Groningen", "Groningen"),
        ],
        ["de Vries", "Jansen", "Visser", "Bakker", "Smit", "Mulder"],
        ["Sanne", "Daan", "Lotte", "Bram", "Femke", "Ruben"],
    ),
    "PL": (
        6,
        "pl",
        ["Sp. z o.o.", "S.A."],
        [("Wrocław", "Lower Silesia"), ("Poznań", "Greater Poland"), ("Kraków", "Lesser Poland")],
        ["Nowak", "Kowalski", "Wiśniewski", "Zieliński", "Lewandowski"],
        ["Agnieszka", "Piotr", "Magdalena", "Tomasz"],
    ),
    "AT": (
        5,
        "de",
        ["GmbH", "AG"],
        [("Linz", "Upper Austria"), ("Graz", "Styria"), ("Vienna", "Vienna")],
        ["Gruber", "Huber", "Pichler", "Moser", "Steiner"],
        ["Johanna", "Florian", "Theresa", "Stefan"],
    ),
    "BE": (
        4,
        "nl",
        ["NV", "BV", "SA"],
        [("Antwerp", "Flanders"), ("Ghent", "Flanders"), ("Liège", "Wallonia")],
        ["Peeters", "Janssens", "Maes", "Dubois", "Lambert"],
        ["Lien", "Pieter", "Amélie", "Thomas"],
    ),
    "SE": (
        4,
        "sv",
        ["AB"],
        [("Gothenburg", "Västra Götaland"), ("Malmö", "Skåne"), ("Uppsala", "Uppsala")],
        ["Lindqvist", "Nyberg", "Holm", "Sandberg", "Engström"],
        ["Ingrid", "Erik", "Maja", "Oskar"],
    ),
    "CZ": (
        4,
        "cs",
        ["s.r.o.", "a.s."],
        [("Brno", "South Moravia"), ("Plzeň", "Plzeň Region"), ("Prague", "Prague")],
        ["Novák", "Dvořák", "Černý", "Procházka", "Kučera"],
        ["Petra", "Jakub", "Lenka", "Martin"],
    ),
    "DK": (
        3,
        "da",
        ["A/S", "ApS"],
        [("Aarhus", "Central Denmark"), ("Odense", "Southern Denmark")],
        ["Nielsen", "Christensen", "Madsen", "Kristensen"],
        ["Mette", "Rasmus", "Freja", "Mikkel"],
    ),
    "FI": (
        3,
        "fi",
        ["Oy"],
        [("Tampere", "Pirkanmaa"), ("Oulu", "North Ostrobothnia"), ("Espoo", "Uusimaa")],
        ["Virtanen", "Korhonen", "Mäkinen", "Laine"],
        ["Aino", "Mikko", "Laura", "Juha"],
    ),
    "IE": (
        3,
        "en",
        ["Ltd", "DAC"],
        [("Cork", "Munster"), ("Galway", "Connacht"), ("Dublin", "Leinster")],
        ["Murphy", "O'Brien", "Walsh", "Byrne", "Kelly"],
        ["Aoife", "Ciarán", "Niamh", "Seán"],
    ),
    "PT": (
        3,
        "pt",
        ["Lda.", "S.A."],
        [("Porto", "Norte"), ("Aveiro", "Centro"), ("Lisbon", "Lisboa")],
        ["Ferreira", "Carvalho", "Costa", "Pereira"],
        ["Inês", "Tiago", "Beatriz", "Rui"],
    ),
    "HU": (
        2,
        "hu",
        ["Kft.", "Zrt."],
        [("Debrecen", "Hajdú-Bihar"), ("Győr", "Győr-Moson-Sopron")],
        ["Nagy", "Kovács", "Szabó", "Tóth"],
        ["Eszter", "Bence", "Réka", "Gábor"],
    ),
    "GR": (
        2,
        "el",
        ["S.A.", "IKE"],
        [("Thessaloniki", "Central Macedonia"), ("Patras", "Western Greece")],
        ["Papadopoulos", "Georgiou", "Nikolaidis"],
        ["Eleni", "Dimitris", "Sofia", "Nikos"],
    ),
    "RO": (
        2,
        "ro",
        ["S.R.L.", "S.A."],
        [("Cluj-Napoca", "Cluj"), ("Timișoara", "Timiș")],
        ["Popescu", "Ionescu", "Stan", "Dumitru"],
        ["Ioana", "Andrei", "Raluca", "Mihai"],
    ),
}

# --- China -------------------------------------------------------------------------------------

# province → (weight, [(city, city in characters)]); provinces as in reference.CHINA_REGIONS.
CN_PROVINCES: dict[str, tuple[int, list[tuple[str, str]]]] = {
    "Sichuan": (
        34,
        [
            ("Chengdu", "成都"),
            ("Chengdu", "成都"),
            ("Chengdu", "成都"),
            ("Mianyang", "绵阳"),
            ("Deyang", "德阳"),
            ("Yibin", "宜宾"),
            ("Luzhou", "泸州"),
            ("Leshan", "乐山"),
            ("Zigong", "自贡"),
        ],
    ),
    "Chongqing": (16, [("Chongqing", "重庆")]),
    "Guangdong": (8, [("Shenzhen", "深圳"), ("Guangzhou", "广州"), ("Foshan", "佛山")]),
    "Zhejiang": (7, [("Hangzhou", "杭州"), ("Ningbo", "宁波"), ("Yiwu", "义乌")]),
    "Jiangsu": (7, [("Suzhou", "苏州"), ("Nanjing", "南京"), ("Wuxi", "无锡")]),
    "Shanghai": (6, [("Shanghai", "上海")]),
    "Beijing": (5, [("Beijing", "北京")]),
    "Shandong": (4, [("Qingdao", "青岛"), ("Jinan", "济南")]),
    "Hubei": (3, [("Wuhan", "武汉")]),
    "Shaanxi": (3, [("Xi'an", "西安")]),
    "Yunnan": (3, [("Kunming", "昆明")]),
    "Guizhou": (2, [("Guiyang", "贵阳")]),
    "Hunan": (2, [("Changsha", "长沙")]),
}

# Brand words of Chinese company names: (pinyin, characters).
CN_BRANDS: list[tuple[str, str]] = [
    ("Tianfu", "天府"),
    ("Jincheng", "锦城"),
    ("Shudao", "蜀道"),
    ("Huaxin", "华信"),
    ("Hongda", "宏达"),
    ("Xinyuan", "鑫源"),
    ("Ruifeng", "瑞丰"),
    ("Hengtong", "恒通"),
    ("Yuanhang", "远航"),
    ("Jinsha", "金沙"),
    ("Minjiang", "岷江"),
    ("Emei", "峨眉"),
    ("Qingcheng", "青城"),
    ("Jiahe", "嘉禾"),
    ("Borui", "博瑞"),
    ("Kangda", "康达"),
    ("Rong'ou", "蓉欧"),
    ("Antai", "安泰"),
    ("Juyuan", "聚源"),
    ("Xingchen", "星辰"),
    ("Yunfan", "云帆"),
    ("Huitong", "汇通"),
    ("Derun", "德润"),
    ("Zhenghe", "正和"),
    ("Baoding", "宝鼎"),
    ("Jinjiang", "锦江"),
    ("Chuanke", "川科"),
    ("Longquan", "龙泉"),
    ("Wanli", "万里"),
    ("Tongxin", "同心"),
]

CN_SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu"]
CN_GIVEN_NAMES = ["Wei", "Fang", "Jing", "Lei", "Min", "Yan", "Tao", "Xiaoling", "Jun", "Hui"]

# --- Sectors ------------------------------------------------------------------------------------
# division → a profile kit:
#   weight_eu, weight_cn: how common the sector is on each side
#   eu_names: words for European company names; cn_names: (English, characters) pairs
#   activity: what the company does ("makes industrial pumps and valves")
#   eu_products / cn_products: what each side typically offers
#   eu_seeks / cn_seeks: what each side typically looks for at the fair
#   cooperation: cooperation types typical of the sector (weighted by repetition)

SECTORS: dict[str, dict] = {
    "10": dict(
        weight_eu=8,
        weight_cn=10,
        eu_names=["Food Ingredients", "Dairy", "Fine Foods", "Organics"],
        cn_names=[("Food", "食品"), ("Agri-Food", "农产品"), ("Seasoning", "调味品")],
        activity="processes and packages food",
        eu_products=[
            "organic dairy products and infant formula ingredients",
            "premium olive oil and Mediterranean delicatessen",
            "natural flavourings and food-grade enzymes",
            "chocolate, biscuits and confectionery for gifting",
        ],
        cn_products=[
            "hotpot seasoning and Sichuan pepper blends",
            "preserved vegetables and pickled mustard greens",
            "frozen dumplings and ready meals",
            "dried mushrooms, bamboo shoots and highland tea products",
        ],
        eu_seeks=[
            "importers and distributors with cold-chain capacity in Western China",
            "a partner for cross-border e-commerce on Tmall Global and JD",
            "food-service chains looking for European premium ingredients",
        ],
        cn_seeks=[
            "European importers of Asian foods and specialty retailers",
            "food-safety certification and packaging technology partners",
            "distributors supplying Asian supermarkets across the EU",
        ],
        cooperation=[C.TRADE, C.TRADE, C.TRADE, C.JOINT_VENTURE, C.SERVICES],
    ),
    "11": dict(
        weight_eu=5,
        weight_cn=4,
        eu_names=["Wines", "Vineyards", "Brewery", "Distillery"],
        cn_names=[("Liquor", "酒业"), ("Tea Beverages", "茶饮")],
        activity="produces wines and spirits",
        eu_products=[
            "appellation wines from family-owned estates",
            "craft beer and non-alcoholic malt beverages",
            "aged brandy and single-malt whisky",
        ],
        cn_products=[
            "strong-aroma baijiu from the Yibin–Luzhou golden triangle",
            "green and dark teas from Ya'an and Mount Emei",
            "fruit wines and ready-to-drink tea beverages",
        ],
        eu_seeks=[
            "wine importers and restaurant groups in Chengdu and Chongqing",
            "a bonded-warehouse partner in the Chengdu pilot free trade zone",
        ],
        cn_seeks=[
            "European distributors to introduce baijiu and tea to Western consumers",
            "partners for bottling and oak-barrel ageing know-how",
        ],
        cooperation=[C.TRADE, C.TRADE, C.INVESTMENT_IN, C.TECHNOLOGY_TRANSFER],
    ),
    "20": dict(
        weight_eu=5,
        weight_cn=5,
        eu_names=["Chemicals", "Coatings", "Specialty Chemistry"],
        cn_names=[("Chemical", "化工"), ("New Materials", "新材料")],
        activity="develops specialty chemicals and coatings",
        eu_products=[
            "water-based industrial coatings with low VOC emissions",
            "specialty additives for plastics and adhesives",
            "bio-based solvents and surfactants",
        ],
        cn_products=[
            "natural-gas based chemicals and fertilisers",
            "lithium salts and battery-grade chemicals",
            "titanium dioxide and phosphate chemicals",
        ],
        eu_seeks=[
            "a toll manufacturer with REACH-compatible quality systems",
            "joint-venture partners for a blending plant in Sichuan",
        ],
        cn_seeks=[
            "European buyers of battery materials and fine chemicals",
            "green-chemistry technology to cut emissions at our plants",
        ],
        cooperation=[C.TRADE, C.JOINT_VENTURE, C.TECHNOLOGY_TRANSFER, C.RESEARCH],
    ),
    "21": dict(
        weight_eu=5,
        weight_cn=5,
        eu_names=["Pharma", "Biotech", "Life Sciences"],
        cn_names=[("Biopharmaceutical", "生物医药"), ("Pharmaceutical", "制药")],
        activity="develops and manufactures medicines",
        eu_products=[
            "generic injectables produced under EU GMP",
            "diagnostic reagents and point-of-care tests",
            "biosimilar development services",
        ],
        cn_products=[
            "traditional Chinese medicine extracts and granules",
            "active pharmaceutical ingredients at competitive cost",
            "contract research and clinical trial services in West China",
        ],
        eu_seeks=[
            "a licensing partner for NMPA registration of our products",
            "clinical research partners at West China Hospital and local CROs",
        ],
        cn_seeks=[
            "EU GMP consultants and partners for CE marking",
            "European licensors of innovative molecules",
        ],
        cooperation=[C.TECHNOLOGY_TRANSFER, C.RESEARCH, C.INVESTMENT_IN, C.TRADE],
    ),
    "26": dict(
        weight_eu=6,
        weight_cn=9,
        eu_names=["Electronics", "Photonics", "Sensors", "Microsystems"],
        cn_names=[("Electronic Technology", "电子科技"), ("Optoelectronics", "光电")],
        activity="designs electronic and optical components",
        eu_products=[
            "MEMS sensors for industrial and automotive use",
            "laser optics and machine-vision systems",
            "measurement instruments for laboratories",
        ],
        cn_products=[
            "printed circuit boards and electronic assembly",
            "display modules and LED lighting components",
            "integrated-circuit packaging and testing services",
        ],
        eu_seeks=[
            "contract manufacturers for high-mix electronic assemblies",
            "distributors in the Chengdu–Chongqing electronics cluster",
        ],
        cn_seeks=[
            "European customers for EMS and PCB services",
            "design partners for automotive-grade electronics",
        ],
        cooperation=[C.TRADE, C.RESEARCH, C.TECHNOLOGY_TRANSFER, C.INVESTMENT_OUT],
    ),
    "27": dict(
        weight_eu=5,
        weight_cn=7,
        eu_names=["Power Systems", "Electric", "Energy Storage"],
        cn_names=[("New Energy", "新能源"), ("Electric", "电气")],
        activity="builds electrical equipment and energy storage systems",
        eu_products=[
            "smart-grid switchgear and protection relays",
            "charging stations for electric vehicles",
            "power electronics for renewable energy",
        ],
        cn_products=[
            "lithium-iron-phosphate battery packs and storage cabinets",
            "photovoltaic inverters and solar modules",
            "transformers and cable systems",
        ],
        eu_seeks=[
            "suppliers of battery cells with full traceability",
            "partners for grid projects in Western China",
        ],
        cn_seeks=[
            "European installers and distributors of storage systems",
            "a site in the EU to assemble battery systems close to customers",
        ],
        cooperation=[C.TRADE, C.INVESTMENT_OUT, C.JOINT_VENTURE, C.TECHNOLOGY_TRANSFER],
    ),
    "28": dict(
        weight_eu=10,
        weight_cn=8,
        eu_names=["Machine Works", "Automation", "Pumps", "Drive Systems", "Engineering"],
        cn_names=[("Machinery", "机械"), ("Intelligent Equipment", "智能装备")],
        activity="builds machinery and automation equipment",
        eu_products=[
            "precision machine tools and CNC machining centres",
            "industrial pumps, valves and compressors",
            "packaging machines and end-of-line automation",
            "agricultural machinery and irrigation systems",
        ],
        cn_products=[
            "industrial robots and automated production lines",
            "construction machinery and mining equipment",
            "food-processing and packaging machines",
        ],
        eu_seeks=[
            "sales and service partners for machinery in Sichuan and Chongqing",
            "a joint venture to localise production for the Chinese market",
        ],
        cn_seeks=[
            "European engineering partners and technology licences",
            "acquisition targets among specialised European machine builders",
        ],
        cooperation=[C.TRADE, C.TECHNOLOGY_TRANSFER, C.JOINT_VENTURE, C.INVESTMENT_IN],
    ),
    "29": dict(
        weight_eu=4,
        weight_cn=5,
        eu_names=["Automotive", "Mobility", "Vehicle Components"],
        cn_names=[("Auto Parts", "汽车零部件"), ("Automobile", "汽车")],
        activity="supplies vehicles and automotive components",
        eu_products=[
            "lightweight body parts and aluminium castings",
            "driver-assistance software and vehicle testing",
            "interior components and seating systems",
        ],
        cn_products=[
            "electric vehicle drivetrains and battery housings",
            "die-cast components for new-energy vehicles",
            "electric buses and logistics vehicles",
        ],
        eu_seeks=[
            "Chinese OEMs building new-energy vehicles in Chengdu and Chongqing",
            "a local partner for after-sales service",
        ],
        cn_seeks=[
            "European tier-1 customers and homologation partners",
            "a European assembly site for electric vehicles",
        ],
        cooperation=[C.TRADE, C.JOINT_VENTURE, C.INVESTMENT_OUT, C.RESEARCH],
    ),
    "35": dict(
        weight_eu=3,
        weight_cn=4,
        eu_names=["Renewables", "Energy", "Hydrogen"],
        cn_names=[("Clean Energy", "清洁能源"), ("Hydropower", "水电")],
        activity="develops and operates renewable energy projects",
        eu_products=[
            "wind and solar project development",
            "green hydrogen electrolysers",
            "energy-efficiency consulting for industrial sites",
        ],
        cn_products=[
            "hydropower engineering and operation",
            "biogas and waste-to-energy plants",
            "solar farm construction and maintenance",
        ],
        eu_seeks=[
            "co-investors in renewable energy projects",
            "industrial customers who want to decarbonise",
        ],
        cn_seeks=[
            "European hydrogen and grid technology",
            "projects in Europe open to Chinese investment",
        ],
        cooperation=[C.INVESTMENT_IN, C.INVESTMENT_OUT, C.TECHNOLOGY_TRANSFER, C.RESEARCH],
    ),
    "38": dict(
        weight_eu=3,
        weight_cn=3,
        eu_names=["Recycling", "Environmental", "Circular Solutions"],
        cn_names=[("Environmental Protection", "环保"), ("Resource Recycling", "资源再生")],
        activity="treats waste and recovers materials",
        eu_products=[
            "sorting lines for plastics and electronic waste",
            "industrial wastewater treatment",
            "battery recycling processes",
        ],
        cn_products=[
            "municipal waste treatment projects",
            "recycled plastic pellets",
            "soil remediation services",
        ],
        eu_seeks=[
            "municipal and industrial customers for waste treatment in Western China",
            "a Chinese partner to build recycling plants",
        ],
        cn_seeks=[
            "European recycling technology and equipment",
            "buyers of recycled raw materials",
        ],
        cooperation=[C.TECHNOLOGY_TRANSFER, C.JOINT_VENTURE, C.TRADE],
    ),
    "46": dict(
        weight_eu=8,
        weight_cn=10,
        eu_names=["Trading", "Import Export", "Distribution"],
        cn_names=[("Trading", "贸易"), ("Import and Export", "进出口"), ("Supply Chain", "供应链")],
        activity="imports, exports and distributes goods",
        eu_products=[
            "sourcing of European consumer goods and cosmetics",
            "distribution of industrial supplies across Central Europe",
            "a bonded warehouse and customs services in the EU",
        ],
        cn_products=[
            "export of household goods, textiles and hardware",
            "sourcing services for buyers from Yiwu and the Chengdu markets",
            "cross-border e-commerce fulfilment",
        ],
        eu_seeks=[
            "Chinese manufacturers looking for an EU distributor",
            "reliable suppliers of consumer electronics and small appliances",
        ],
        cn_seeks=[
            "European brands to import into Western China",
            "EU retailers and wholesalers as long-term buyers",
        ],
        cooperation=[C.TRADE, C.TRADE, C.TRADE, C.SERVICES],
    ),
    "52": dict(
        weight_eu=3,
        weight_cn=5,
        eu_names=["Logistics", "Freight", "Forwarding"],
        cn_names=[
            ("International Logistics", "国际物流"),
            ("Supply Chain Management", "供应链管理"),
        ],
        activity="organises freight and warehousing",
        eu_products=[
            "rail freight between Europe and Chengdu",
            "contract logistics and temperature-controlled warehousing",
            "customs brokerage for the EU single market",
        ],
        cn_products=[
            "China–Europe Railway Express services from Chengdu and Chongqing",
            "air cargo and multimodal transport",
            "bonded logistics parks and overseas warehouses",
        ],
        eu_seeks=[
            "Chinese shippers using the China–Europe rail corridor",
            "partners at the Chengdu International Railway Port",
        ],
        cn_seeks=[
            "European hubs and last-mile partners",
            "importers who want faster rail transport from Western China",
        ],
        cooperation=[C.SERVICES, C.SERVICES, C.JOINT_VENTURE, C.INVESTMENT_OUT],
    ),
    "62": dict(
        weight_eu=8,
        weight_cn=8,
        eu_names=["Software", "Digital", "Data Systems", "Cloud Solutions"],
        cn_names=[("Information Technology", "信息技术"), ("Software", "软件")],
        activity="develops software and digital services",
        eu_products=[
            "industrial IoT platforms and predictive maintenance",
            "cybersecurity and GDPR-compliant data management",
            "enterprise software for manufacturing and logistics",
        ],
        cn_products=[
            "game development and digital content production",
            "AI computer vision for retail and manufacturing",
            "smart-city software and big-data platforms",
        ],
        eu_seeks=[
            "system integrators and resellers in China",
            "development partners for localisation and support",
        ],
        cn_seeks=[
            "European customers and channel partners",
            "R&D partners in artificial intelligence and industrial software",
        ],
        cooperation=[C.SERVICES, C.RESEARCH, C.TECHNOLOGY_TRANSFER, C.TRADE],
    ),
    "71": dict(
        weight_eu=4,
        weight_cn=3,
        eu_names=["Engineering Consultants", "Architects", "Testing"],
        cn_names=[("Engineering Design", "工程设计"), ("Testing and Certification", "检测认证")],
        activity="provides engineering, design and testing services",
        eu_products=[
            "architecture and urban planning for sustainable districts",
            "testing, inspection and certification for CE marking",
            "engineering of water and transport infrastructure",
        ],
        cn_products=[
            "design institute services for industrial parks",
            "product testing and certification for export",
            "BIM modelling and construction engineering",
        ],
        eu_seeks=[
            "Chinese developers of low-carbon buildings",
            "local design institutes to co-operate on projects",
        ],
        cn_seeks=[
            "European standards know-how and certification partners",
            "international projects for our engineering teams",
        ],
        cooperation=[C.SERVICES, C.TECHNOLOGY_TRANSFER, C.JOINT_VENTURE],
    ),
    "72": dict(
        weight_eu=3,
        weight_cn=3,
        eu_names=["Research", "Innovation Labs", "Institute"],
        cn_names=[("Research Institute", "研究院"), ("Technology Innovation", "科技创新")],
        activity="carries out applied research and development",
        eu_products=[
            "contract research in materials science",
            "agricultural biotechnology and seed breeding",
            "clinical and nutrition studies",
        ],
        cn_products=[
            "applied research in rare-earth materials",
            "agricultural science and plant genetics",
            "pilot-scale production and incubation facilities",
        ],
        eu_seeks=[
            "research partners for joint funding applications",
            "Chinese companies to commercialise our patents",
        ],
        cn_seeks=[
            "European universities and research organisations",
            "licences for technologies ready to scale",
        ],
        cooperation=[C.RESEARCH, C.RESEARCH, C.TECHNOLOGY_TRANSFER],
    ),
    "79": dict(
        weight_eu=3,
        weight_cn=3,
        eu_names=["Travel", "Tours", "Destination Management"],
        cn_names=[("International Travel Service", "国际旅行社"), ("Culture and Tourism", "文旅")],
        activity="organises travel and tourism services",
        eu_products=[
            "incoming tours and business travel in Europe",
            "hotel and destination marketing services",
        ],
        cn_products=[
            "outbound group tours from Chengdu to Europe",
            "panda-themed cultural tourism in Sichuan",
        ],
        eu_seeks=[
            "Chinese travel agencies sending groups to Europe",
            "partners on the direct flights between Chengdu and Europe",
        ],
        cn_seeks=[
            "European ground handlers and hotels",
            "tourism boards for joint promotion",
        ],
        cooperation=[C.SERVICES, C.TRADE, C.JOINT_VENTURE],
    ),
    "85": dict(
        weight_eu=2,
        weight_cn=2,
        eu_names=["Academy", "Education", "Training"],
        cn_names=[("Education Technology", "教育科技"), ("Vocational Training", "职业培训")],
        activity="offers education and vocational training",
        eu_products=[
            "dual vocational training programmes",
            "language courses and study-abroad services",
        ],
        cn_products=[
            "online education platforms",
            "vocational colleges and training centres",
        ],
        eu_seeks=[
            "Chinese colleges for joint training programmes",
            "students for our bachelor and master programmes",
        ],
        cn_seeks=[
            "European partners for vocational training standards",
            "exchange programmes with European schools",
        ],
        cooperation=[C.SERVICES, C.RESEARCH, C.JOINT_VENTURE],
    ),
    "86": dict(
        weight_eu=3,
        weight_cn=3,
        eu_names=["Medical", "Health", "MedTech"],
        cn_names=[("Medical Technology", "医疗科技"), ("Health Management", "健康管理")],
        activity="provides medical devices and health services",
        eu_products=[
            "medical imaging and rehabilitation equipment",
            "elderly-care concepts and nursing training",
            "dental implants and surgical instruments",
        ],
        cn_products=[
            "hospital management services and private clinics",
            "medical consumables and protective equipment",
            "health check-up centres",
        ],
        eu_seeks=[
            "hospital groups and distributors of medical devices",
            "a partner to open elderly-care facilities in Sichuan",
        ],
        cn_seeks=[
            "European medical technology and care know-how",
            "CE-certified products to distribute in China",
        ],
        cooperation=[C.TRADE, C.INVESTMENT_IN, C.TECHNOLOGY_TRANSFER, C.SERVICES],
    ),
    "70": dict(
        weight_eu=3,
        weight_cn=2,
        eu_names=["Consulting", "Advisory", "Partners"],
        cn_names=[("Business Consulting", "商务咨询"), ("Investment Consulting", "投资咨询")],
        activity="advises companies on market entry and investment",
        eu_products=[
            "market entry and company formation in the EU",
            "M&A advisory for cross-border deals",
            "tax, legal and compliance services",
        ],
        cn_products=[
            "market entry services for Western China",
            "investment promotion for industrial parks",
            "partner search and due diligence in China",
        ],
        eu_seeks=[
            "Chinese companies planning to invest in Europe",
            "local partners for our clients' market entry",
        ],
        cn_seeks=[
            "European companies interested in the Chengdu–Chongqing region",
            "European advisory firms for joint mandates",
        ],
        cooperation=[C.SERVICES, C.SERVICES, C.INVESTMENT_IN, C.INVESTMENT_OUT],
    ),
    "01": dict(
        weight_eu=3,
        weight_cn=5,
        eu_names=["Agro", "Farms", "Seeds"],
        cn_names=[("Agriculture", "农业"), ("Ecological Agriculture", "生态农业")],
        activity="grows and markets agricultural products",
        eu_products=[
            "breeding livestock and genetics",
            "seed potatoes and vegetable seeds",
            "greenhouse horticulture know-how",
        ],
        cn_products=[
            "kiwifruit, citrus and loquats from Sichuan orchards",
            "tea plantations and organic vegetables",
            "Sichuan pepper and medicinal herbs",
        ],
        eu_seeks=[
            "large farms and agricultural parks in Western China",
            "importers of breeding stock",
        ],
        cn_seeks=[
            "European buyers of fresh fruit and tea",
            "smart-farming and greenhouse technology",
        ],
        cooperation=[C.TRADE, C.TECHNOLOGY_TRANSFER, C.INVESTMENT_IN],
    ),
}

# (size band, weight, typical delegates)
SIZE_BANDS: list[tuple[SizeBand, int]] = [
    (SizeBand.MICRO, 14),
    (SizeBand.SMALL, 36),
    (SizeBand.MEDIUM, 32),
    (SizeBand.LARGE, 18),
]

SIZE_WORDS = {
    SizeBand.MICRO: "small, specialised",
    SizeBand.SMALL: "family-owned",
    SizeBand.MEDIUM: "mid-sized",
    SizeBand.LARGE: "leading",
}

JOB_TITLES = [
    "Export Manager",
    "Business Development Director",
    "General Manager",
    "International Sales Manager",
    "Head of Asia-Pacific",
    "Overseas Business Manager",
    "Managing Director",
    "Partnerships Manager",
]

# Sentences that close a description, by side ({n} is filled in).
EU_CLOSINGS = [
    "We already export to more than {n} countries and want a lasting presence in Western China.",
    "China is our next growth market, and the Chengdu–Chongqing region is where we want to start.",
    "Our team has visited Sichuan before and is ready to commit resources to the right partner.",
    "Quality, reliability and long-term partnerships are what we are known for.",
]
CN_CLOSINGS = [
    "Our products are sold in {n} provinces and we are now preparing our first steps in Europe.",
    "We take part in Belt and Road cooperation and want closer ties with European companies.",
    "Our team includes English-speaking staff experienced in working with European customers.",
    "We welcome European partners who want to grow with us in the Chengdu–Chongqing region.",
]

MESSAGE_OPENERS = [
    "We saw your profile in the catalogue and would like to meet.",
    "Your company looks like a strong fit for our plans.",
    "We would be glad to meet you during the fair.",
    "Thank you for considering a meeting with us.",
]
MESSAGE_TOPICS = [
    "We would like to discuss {topic}.",
    "We are interested in {topic} and would like to hear about your experience.",
    "Could we talk about {topic}?",
]
