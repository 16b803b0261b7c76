using BenchmarkDotNet.Running;
using Simulator.Benchmarks.Report;

// dotnet run -c Release --project benchmarks/Simulator.Benchmarks -- --report [--size small] [--out FILE]
// dotnet run -c Release --project benchmarks/Simulator.Benchmarks -- --filter '*'
if (args.Contains("--report"))
{
    return ReportRunner.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
