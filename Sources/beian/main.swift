import BeianCLI

await BeianCommand.runMain(server: HummingbirdSiteServer.self, form: HummingbirdFormServer.self)
