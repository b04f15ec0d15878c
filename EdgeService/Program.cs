using EdgeService.Cli;

return EdgeCli.Run(args);
