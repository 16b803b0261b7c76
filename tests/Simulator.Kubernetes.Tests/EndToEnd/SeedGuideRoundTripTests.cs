using k8s.Models;
using Simulator.Cli.Scripting;
using Simulator.Kubernetes.Manifests;

namespace Simulator.Kubernetes.Tests.EndToEnd;

/// <summary>
/// Every manifest of the seed guide (samples/seed-tutorial/*.yaml) loads, and what <c>kubectl get ... -o yaml</c> prints for the stored
/// object reads back (ManifestReader, KubernetesMapper) into the very model object the simulation stores.
/// </summary>
public class SeedGuideRoundTripTests
{
    private static readonly string Folder = Kubesim.InRepo("samples", "seed-tutorial");

    public static TheoryData<string> DaemonSetManifests() =>
        [.. Directory.GetFiles(Folder, "daemonset*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> AllManifests() =>
        [.. Directory.GetFiles(Folder, "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private static (ScriptSession Session, ScenarioRunner Runner) NewSession()
    {
        var session = new ScriptSession(Folder, 1, TextWriter.Null, interactive: false);
        return (session, new ScenarioRunner(session));
    }

    private static string Run(ScenarioRunner runner, string line)
    {
        var outcome = runner.RunLine(1, line);
        outcome.ExitCode.ShouldBe(0, $"{line}\n{outcome.Output}");
        return outcome.Output;
    }

    [Fact]
    public void TheGuideHasItsManifests()
    {
        AllManifests().Count.ShouldBeGreaterThanOrEqualTo(9);
        File.ReadAllText(Path.Combine(Folder, "daemonset.yaml")).ShouldContain("image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2");
        File.ReadAllText(Path.Combine(Folder, "priorityclass.yaml")).ShouldContain("value: 100000");
    }

    [Theory]
    [MemberData(nameof(AllManifests))]
    public void EveryManifest_Loads(string file)
    {
        var objects = ManifestReader.ReadText(File.ReadAllText(Path.Combine(Folder, file)), file);

        objects.Count.ShouldBe(1);
        objects[0].Source.ShouldBe(file);
        objects[0].Kind.ShouldBeOneOf("DaemonSet", "Node", "PriorityClass");
        objects[0].Name.ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [MemberData(nameof(DaemonSetManifests))]
    public void DaemonSet_GetYaml_ReadsBackToTheStoredModel(string file)
    {
        var (session, runner) = NewSession();
        Run(runner, "sim nodes create --count 3 --prefix k8s-worker-");
        Run(runner, "kubectl create ns logging");
        Run(runner, "kubectl apply -f priorityclass.yaml");
        Run(runner, $"kubectl apply -f {file}");
        Run(runner, "sim settle");
        var stored = session.Sim.State.GetDaemonSet("logging", "fluentd").ShouldNotBeNull();

        var yaml = Run(runner, "kubectl get ds fluentd -n logging -o yaml");
        var read = ManifestReader.ReadText(yaml, "get-output.yaml");

        read.Count.ShouldBe(1);
        var model = KubernetesMapper.ToModel(read[0].Object.ShouldBeOfType<V1DaemonSet>());
        model.Spec.ShouldBe(stored.Spec);
        model.Metadata.Labels.ShouldBe(stored.Metadata.Labels);
        model.Metadata.Annotations.ShouldBe(stored.Metadata.Annotations);
        model.Metadata.Name.ShouldBe(stored.Metadata.Name);
        model.Metadata.Namespace.ShouldBe(stored.Metadata.Namespace);
        model.Metadata.Uid.ShouldBe(stored.Metadata.Uid);
        model.Status.ShouldBe(stored.Status);
    }

    [Theory]
    [MemberData(nameof(DaemonSetManifests))]
    public void DaemonSet_GetJson_ReadsBackToTheStoredModel(string file)
    {
        var (session, runner) = NewSession();
        Run(runner, "kubectl create ns logging");
        Run(runner, "kubectl apply -f priorityclass.yaml");
        Run(runner, $"kubectl apply -f {file}");
        var stored = session.Sim.State.GetDaemonSet("logging", "fluentd").ShouldNotBeNull();

        var read = ManifestReader.ReadText(Run(runner, "kubectl get ds fluentd -n logging -o json"), "get-output.json");

        var model = KubernetesMapper.ToModel(read.ShouldHaveSingleItem().Object.ShouldBeOfType<V1DaemonSet>());
        model.Spec.ShouldBe(stored.Spec);
        model.Metadata.Labels.ShouldBe(stored.Metadata.Labels);
        model.Metadata.Annotations.ShouldBe(stored.Metadata.Annotations);
    }

    [Theory]
    [MemberData(nameof(DaemonSetManifests))]
    public void DaemonSet_GetYaml_ReappliesUnchanged(string file)
    {
        // what `kubectl get -o yaml > x.yaml; kubectl apply -f x.yaml` does: nothing changes, no pod restarts
        var (session, runner) = NewSession();
        Run(runner, "sim nodes create --count 2 --prefix k8s-worker-");
        Run(runner, "kubectl create ns logging");
        Run(runner, "kubectl apply -f priorityclass.yaml");
        Run(runner, $"kubectl apply -f {file}");
        Run(runner, "sim settle");
        var before = session.Sim.State.GetDaemonSet("logging", "fluentd").ShouldNotBeNull();
        var yaml = Run(runner, "kubectl get ds fluentd -n logging -o yaml");
        var temp = Path.Combine(Path.GetTempPath(), $"kubesim-roundtrip-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(temp, yaml);
            Run(runner, $"kubectl apply -f {temp}");
            Run(runner, "sim settle");
        }
        finally
        {
            File.Delete(temp);
        }

        var after = session.Sim.State.GetDaemonSet("logging", "fluentd").ShouldNotBeNull();
        after.Spec.ShouldBe(before.Spec);
        after.Metadata.Generation.ShouldBe(before.Metadata.Generation);
    }

    [Fact]
    public void ControlPlaneNode_GetYaml_ReadsBackToTheStoredModel()
    {
        var (session, runner) = NewSession();
        Run(runner, "kubectl apply -f control-plane.yaml");
        var stored = session.Sim.State.GetNode("k8s-control-plane").ShouldNotBeNull();

        var read = ManifestReader.ReadText(Run(runner, "kubectl get node k8s-control-plane -o yaml"), "node.yaml");

        var model = KubernetesMapper.ToModel(read.ShouldHaveSingleItem().Object.ShouldBeOfType<V1Node>());
        model.Spec.ShouldBe(stored.Spec);
        model.Metadata.Labels.ShouldBe(stored.Metadata.Labels);
        model.Metadata.Annotations.ShouldBe(stored.Metadata.Annotations);
        model.Status.Capacity.ShouldBe(stored.Status.Capacity);
        model.Status.Allocatable.ShouldBe(stored.Status.Allocatable);
        model.Metadata.Labels["node-role.kubernetes.io/control-plane"].ShouldBe("");
    }

    [Fact]
    public void PriorityClass_GetYaml_ReadsBackToTheStoredModel()
    {
        var (session, runner) = NewSession();
        Run(runner, "kubectl apply -f priorityclass.yaml");
        var stored = session.Sim.State.PriorityClasses["high-priority"];

        var read = ManifestReader.ReadText(Run(runner, "kubectl get priorityclass high-priority -o yaml"), "pc.yaml");

        var model = KubernetesMapper.ToModel(read.ShouldHaveSingleItem().Object.ShouldBeOfType<V1PriorityClass>());
        model.Value.ShouldBe(100000);
        model.Value.ShouldBe(stored.Value);
        model.GlobalDefault.ShouldBe(stored.GlobalDefault);
        model.Description.ShouldBe("daemonset priority class");
        model.PreemptionPolicy.ShouldBe(stored.PreemptionPolicy);
        model.Metadata.Labels.ShouldBe(stored.Metadata.Labels);
        model.Metadata.Annotations.ShouldBe(stored.Metadata.Annotations);
    }
}
