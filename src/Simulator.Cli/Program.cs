using System.CommandLine;
using Simulator.Cli.Scripting;

namespace Simulator.Cli;

/// <summary>The <c>kubesim</c> tool: <c>kubesim run SCENARIO.kubesim [--seed N] [-o text|json] [--fail-fast]</c>.</summary>
internal static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error, !Console.IsErrorRedirected);

    /// <summary>The whole tool, with its streams injected (the tests run it in-process).</summary>
    /// <returns>0 when every line did what it should, 1 when a line failed, 2 on bad usage or an unreadable script.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool interactive)
    {
        var script = new Argument<string>("scenario") { Description = "The scenario script (.kubesim)." };
        var seed = new Option<ulong>("--seed") { Description = "The random seed (default 1).", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--output", "-o") { Description = "text (default) or json (JSON Lines).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var failFast = new Option<bool>("--fail-fast") { Description = "Stop at the first failed line." };
        var run = new Command("run", "Run a scenario script against a fresh simulated cluster.") { script, seed, format, failFast };
        var exitCode = 0;
        run.SetAction(parsed =>
        {
            var path = parsed.GetValue(script)!;
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                error.WriteLine($"error: cannot read scenario \"{path}\": {e.Message}");
                exitCode = 2;
                return;
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            var session = new ScriptSession(directory, parsed.GetValue(seed), error, interactive);
            exitCode = new ScenarioRunner(session).Run(lines, output, parsed.GetValue(format) == "json", parsed.GetValue(failFast));
        });

        var root = new RootCommand("kubesim: run kubectl-style scenario scripts against a simulated Kubernetes cluster.") { run };
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var parseError in result.Errors)
            {
                error.WriteLine("error: " + parseError.Message);
            }

            error.WriteLine("usage: kubesim run SCENARIO.kubesim [--seed N] [-o text|json] [--fail-fast]");
            return 2;
        }

        var invoked = result.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return invoked != 0 && exitCode == 0 ? 2 : exitCode;
    }
}
