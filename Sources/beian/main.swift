import BeianCLI

BeianCommand.main()
