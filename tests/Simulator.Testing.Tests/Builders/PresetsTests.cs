using Simulator.Engine;
using Simulator.Kubernetes;
using Simulator.Kubernetes.Manifests;
using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Testing.Tests.Builders;

/// <summary>The presets are the seed guide's manifests: read the YAML the guide applies and compare.</summary>
public class PresetsTests
{
    public static TheoryData<string, string> DaemonSets => new()
    {
        { "daemonset.yaml", nameof(Presets.Fluentd) },
        { "daemonset-toleration.yaml", nameof(Presets.FluentdTolerating) },
        { "daemonset-nodeselector.yaml", nameof(Presets.FluentdOnPlatformTools) },
        { "daemonset-affinity.yaml", nameof(Presets.FluentdWithAffinity) },
        { "daemonset-rollingupdate.yaml", nameof(Presets.FluentdRollingUpdate) },
        { "daemonset-priority.yaml", nameof(Presets.FluentdWithPriority) },
    };

    private static DaemonSetBuilder Preset(string name) =>
        (DaemonSetBuilder)typeof(Presets).GetProperty(name)!.GetValue(null)!;

    private static IReadOnlyList<ManifestObject> Read(string file) =>
        ManifestReader.ReadPath(Path.Combine(AppContext.BaseDirectory, "seed-tutorial", file));

    private static DaemonSet ReadDaemonSet(string file) =>
        KubernetesMapper.ToModel((k8s.Models.V1DaemonSet)Read(file).ShouldHaveSingleItem().Object);

    [Theory]
    [MemberData(nameof(DaemonSets))]
    public void DaemonSetPreset_EqualsTheGuidesManifest_ExceptVolumeMounts(string file, string preset)
    {
        var expected = ReadDaemonSet(file);
        var actual = Preset(preset).Build();

        actual.Metadata.Name.ShouldBe(expected.Metadata.Name);
        actual.Metadata.Namespace.ShouldBe(expected.Metadata.Namespace);
        actual.Metadata.Labels.ShouldBe(expected.Metadata.Labels);
        actual.Spec.Selector.ShouldBe(expected.Spec.Selector);
        actual.Spec.Template.Metadata.ShouldBe(expected.Spec.Template.Metadata);
        actual.Spec.UpdateStrategy.ShouldBe(expected.Spec.UpdateStrategy);
        var container = actual.Spec.Template.Spec.Containers.ShouldHaveSingleItem();
        var expectedContainer = expected.Spec.Template.Spec.Containers.ShouldHaveSingleItem();
        (container with { VolumeMounts = expectedContainer.VolumeMounts }).ShouldBe(expectedContainer);
        // Both as the API server stores them: the mapper leaves restartPolicy and schedulerName unset, the builder writes the defaults.
        WithoutVolumeMounts(Defaults.Apply(actual).Spec).ShouldBe(WithoutVolumeMounts(Defaults.Apply(expected).Spec));
    }

    [Theory]
    [MemberData(nameof(DaemonSets))]
    public void DaemonSetPreset_EqualsTheGuidesManifest(string file, string preset)
    {
        Defaults.Apply(Preset(preset).Build()).Spec.ShouldBe(Defaults.Apply(ReadDaemonSet(file)).Spec);
    }

    [Theory]
    [MemberData(nameof(DaemonSets))]
    public void DaemonSetPreset_BehavesAsTheGuidesManifest_OnTheGuideCluster(string file, string preset)
    {
        var cluster = Presets.GuideCluster(4).WithPriorityClass(Presets.HighPriority)
            .Node("k8s-worker-2", n => n.Tainted("app=fluentd-logging:NoExecute"))
            .Node("k8s-worker-3", n => n.Labelled("type", "platform-tools"))
            .Node("k8s-worker-4", n => n.Labelled("type", "platform-tools").Tainted("app=fluentd-logging:NoExecute"));

        cluster.Run(Preset(preset)).NodesRunning("logging/fluentd").ShouldBe(cluster.Run(ReadDaemonSet(file)).NodesRunning("logging/fluentd"));
    }

    private static DaemonSetSpec WithoutVolumeMounts(DaemonSetSpec spec) => spec with
    {
        Template = spec.Template with
        {
            Spec = spec.Template.Spec with { Containers = spec.Template.Spec.Containers.Select(c => c with { VolumeMounts = default }).ToEquatableArray() },
        },
    };

    [Fact]
    public void HighPriority_EqualsTheGuidesPriorityClass()
    {
        var expected = KubernetesMapper.ToModel((k8s.Models.V1PriorityClass)Read("priorityclass.yaml").ShouldHaveSingleItem().Object);

        Presets.HighPriority.Metadata.Name.ShouldBe(expected.Metadata.Name);
        Presets.HighPriority.Value.ShouldBe(expected.Value);
        Presets.HighPriority.GlobalDefault.ShouldBe(expected.GlobalDefault);
        Presets.HighPriority.Description.ShouldBe(expected.Description);
    }

    [Fact]
    public void ControlPlaneNode_EqualsTheGuidesControlPlane()
    {
        var expected = KubernetesMapper.ToModel((k8s.Models.V1Node)Read("control-plane.yaml").ShouldHaveSingleItem().Object);
        var actual = Presets.ControlPlaneNode.Build();

        actual.Name.ShouldBe(expected.Name);
        actual.Labels.ShouldBe(expected.Labels);
        actual.Spec.ShouldBe(expected.Spec);
        actual.Status.Capacity.ShouldBe(expected.Status.Capacity);
    }

    [Fact]
    public void GuideCluster_FluentdRunsOnTheWorkers_NotOnTheControlPlane()
    {
        Presets.GuideCluster(3).Run(Presets.Fluentd)
            .ShouldRunExactlyOn("logging/fluentd", "k8s-worker-1", "k8s-worker-2", "k8s-worker-3")
            .Why("logging/fluentd", "k8s-control-plane")
            .ShouldBe("taint node-role.kubernetes.io/control-plane:NoSchedule is not tolerated");
    }

    [Fact]
    public void FluentdWithPriority_WithTheGuidesPriorityClass_PodsGetItsValue()
    {
        var cluster = Presets.GuideCluster(2).WithPriorityClass(Presets.HighPriority).Run(Presets.FluentdWithPriority)
            .ShouldRunExactlyOn("logging/fluentd", "k8s-worker-1", "k8s-worker-2");

        var ds = cluster.DaemonSet("logging/fluentd");
        cluster.State.PodsControlledBy(ds.Metadata.Uid).Select(p => p.Spec.Priority).ShouldBe([100_000, 100_000]);
    }
}
