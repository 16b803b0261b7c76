using System.Text.Json;

namespace Simulator.Kubernetes.Tests.EndToEnd;

/// <summary>One JSON Lines record of <c>kubesim run -o json</c>.</summary>
internal sealed record JsonLine(int Line, string Command, int ExitCode, string Output, string SimTime);

/// <summary>The result of one in-process <c>kubesim</c> run.</summary>
internal sealed record KubesimRun(int ExitCode, string Output, string Error)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The output parsed as JSON Lines (every non-empty line must be one JSON object).</summary>
    public IReadOnlyList<JsonLine> Lines =>
        Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<JsonLine>(l, Options) ?? throw new InvalidOperationException("null JSON line: " + l))
            .ToList();

    /// <summary>The single JSON line whose command is exactly <paramref name="command"/>.</summary>
    public JsonLine Single(string command)
    {
        var matches = Lines.Where(l => l.Command == command).ToList();
        matches.Count.ShouldBe(1, $"expected exactly one line \"{command}\"");
        return matches[0];
    }

    /// <summary>Every JSON line whose command is exactly <paramref name="command"/>, in order.</summary>
    public IReadOnlyList<JsonLine> All(string command) => Lines.Where(l => l.Command == command).ToList();
}

/// <summary>Runs the <c>kubesim</c> tool in-process (<c>Simulator.Cli.Program.Run</c>).</summary>
internal static class Kubesim
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Simulator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Simulator.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root (the folder holding Simulator.sln).</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>A path under the repository root.</summary>
    public static string InRepo(params string[] parts) => Path.Combine([RepoRoot, .. parts]);

    /// <summary>Runs <c>kubesim</c> with these arguments.</summary>
    public static KubesimRun Run(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exit = global::Simulator.Cli.Program.Run(args, output, error, interactive: false);
        return new KubesimRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs a script file with <c>-o json</c>.</summary>
    public static KubesimRun RunJson(string script, params string[] extra) => Run(["run", script, "-o", "json", .. extra]);
}

/// <summary>A temporary folder for scripts and manifests, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kubesim-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes a file (relative to the folder) and returns its full path.</summary>
    public string Write(string name, string text)
    {
        var full = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
