"""The JSON API under ``/api/v1`` (flask-smorest: marshmallow schemas validate every request and
describe every response in the OpenAPI 3.1 document at ``/api/v1/openapi.json``)."""
