using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Simulator.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
