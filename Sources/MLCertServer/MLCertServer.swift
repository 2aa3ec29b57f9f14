/// The web app and JSON API (Hummingbird 2, Mustache views, an OpenAPI document) are built in this target.
enum MLCertServerModule {}
