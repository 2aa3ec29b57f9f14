/// The web app and JSON API arrive with the web-app issue (Hummingbird 2, Mustache views, an OpenAPI document).
/// This target exists now so that the package layout matches `docs/ARCHITECTURE.md`; it declares nothing yet.
enum MLCertServerModule {}
