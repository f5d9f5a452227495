import BeianCLI

await BeianCommand.runMain()
