namespace Simulator.Docs.Tests.Support;

/// <summary>
/// Runs a kubesim transcript shown in the docs: the lines that start with <c>$ </c> are the script; the whole block is what
/// <c>kubesim run</c> prints for it. Manifests the script names are read from docs/examples/.
/// </summary>
internal static class KubesimTranscript
{
    /// <summary>The script lines of a transcript.</summary>
    public static IReadOnlyList<string> Script(string transcript) =>
        [.. transcript.Split('\n').Where(l => l.StartsWith("$ ", StringComparison.Ordinal)).Select(l => l[2..])];

    /// <summary>Runs the transcript's script in a copy of docs/examples and returns the exit code and what kubesim printed.</summary>
    public static (int ExitCode, string Output) Run(string transcript)
    {
        var folder = Path.Combine(Path.GetTempPath(), "simulator-docs-" + Environment.ProcessId + "-" + Interlocked.Increment(ref _counter));
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var file in Directory.GetFiles(Repo.Path("docs", "examples")))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            var script = Path.Combine(folder, "transcript.kubesim");
            File.WriteAllText(script, string.Join("\n", Script(transcript)) + "\n");
            using var output = new StringWriter { NewLine = "\n" };
            using var error = new StringWriter { NewLine = "\n" };
            var exit = global::Simulator.Cli.Program.Run(["run", script], output, error, interactive: false);
            return (exit, (output + error.ToString()).TrimEnd('\n'));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int _counter;
}
