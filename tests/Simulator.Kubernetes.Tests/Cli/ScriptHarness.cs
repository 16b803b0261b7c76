using Simulator.Cli.Scripting;
using Simulator.Kubernetes.Tests.Manifests;
using Simulator.Model;

namespace Simulator.Kubernetes.Tests.Cli;

/// <summary>A scenario-script session in a temporary folder, driven line by line.</summary>
internal sealed class ScriptHarness : IDisposable
{
    private int _line;

    public ScriptHarness(ulong seed = 1)
    {
        Dir = Directory.CreateTempSubdirectory("kubesim-cli-").FullName;
        Session = new ScriptSession(Dir, seed, TextWriter.Null, interactive: false);
        Runner = new ScenarioRunner(Session);
    }

    public string Dir { get; }

    public ScriptSession Session { get; }

    public ScenarioRunner Runner { get; }

    public ClusterStateView State => new(Session.Sim.State);

    public void Dispose() => Directory.Delete(Dir, recursive: true);

    public void Write(string name, string text)
    {
        var path = Path.Combine(Dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public LineOutcome Run(string line) => Runner.RunLine(++_line, line);

    /// <summary>Runs a line that must succeed; returns its output.</summary>
    public string Ok(string line)
    {
        var outcome = Run(line);
        outcome.ExitCode.ShouldBe(0, $"{line}\n{outcome.Output}");
        return outcome.Output;
    }

    /// <summary>Runs a line that must fail; returns its output.</summary>
    public string Fail(string line)
    {
        var outcome = Run(line);
        outcome.ExitCode.ShouldBe(1, $"{line}\n{outcome.Output}");
        return outcome.Output;
    }

    /// <summary>Three workers w-1..w-3, the logging namespace and the fluentd DaemonSet, settled.</summary>
    public static ScriptHarness WithFluentd(string? dsYaml = null)
    {
        var h = new ScriptHarness();
        h.Write("ds.yaml", dsYaml ?? ManifestTexts.Fluentd());
        h.Ok("sim nodes create --count 3 --prefix w-");
        h.Ok("kubectl create namespace logging");
        h.Ok("kubectl apply -f ds.yaml");
        h.Ok("sim settle");
        return h;
    }

    /// <summary>The fluentd pod on a node.</summary>
    public Pod FluentdPodOn(string node) =>
        Session.Sim.State.Pods.Values.Single(p => p.Namespace == "logging" && p.Spec.NodeName == node && !p.IsTerminating && p.Metadata.Labels.GetValueOrDefault("name") == "fluentd");
}

/// <summary>A small view to keep test code short.</summary>
internal readonly record struct ClusterStateView(Simulator.Engine.ClusterState State)
{
    public StringMap NodeLabels(string node) => State.Nodes[node].Metadata.Labels;
}
