using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Benchmarks.HopBenchmarks).Assembly).Run(args);
