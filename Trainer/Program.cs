using Trainer.Cli;

return TrainerCli.Run(args);
