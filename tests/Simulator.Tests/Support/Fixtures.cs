using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Tests.Support;

/// <summary>Small builders for test objects; every default is the simplest valid value.</summary>
public static class Fixtures
{
    public static Node Node(string name, StringMap labels = default, string cpu = "4", string memory = "16Gi", string pods = "110", params Taint[] taints) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = labels },
        Spec = new NodeSpec { Taints = EquatableArray.Create(taints) },
        Status = new NodeStatus { Capacity = ResourceList.Of("cpu", cpu, "memory", memory, "pods", pods) },
    };

    public static Container Container(string name = "app", string image = "busybox:1.36", string? cpu = null, string? memory = null, params ContainerPort[] ports)
    {
        var requests = ResourceList.Empty;
        if (cpu is not null)
        {
            requests = requests.With("cpu", Quantity.Parse(cpu));
        }

        if (memory is not null)
        {
            requests = requests.With("memory", Quantity.Parse(memory));
        }

        return new Container { Name = name, Image = image, Resources = new ResourceRequirements { Requests = requests }, Ports = EquatableArray.Create(ports) };
    }

    /// <summary>The seed guide's fluentd DaemonSet in namespace logging.</summary>
    public static DaemonSet Fluentd(string image = "quay.io/fluentd_elasticsearch/fluentd:v2.5.2") => new()
    {
        Metadata = new ObjectMeta { Name = "fluentd", Namespace = "logging", Labels = StringMap.Of("app", "fluentd-logging") },
        Spec = new DaemonSetSpec
        {
            Selector = LabelSelector.ForLabels("name", "fluentd"),
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = StringMap.Of("name", "fluentd") },
                Spec = new PodSpec
                {
                    TerminationGracePeriodSeconds = 30,
                    Containers = EquatableArray.Create(new Container
                    {
                        Name = "fluentd-elasticsearch",
                        Image = image,
                        Resources = new ResourceRequirements
                        {
                            Limits = ResourceList.Of("memory", "200Mi"),
                            Requests = ResourceList.Of("cpu", "100m", "memory", "200Mi"),
                        },
                        VolumeMounts = EquatableArray.Create(new VolumeMount("varlog", "/var/log")),
                    }),
                    Volumes = EquatableArray.Create(new Volume { Name = "varlog", HostPath = "/var/log" }),
                },
            },
        },
    };

    /// <summary>A DaemonSet in namespace default with one container and the given template spec changes.</summary>
    public static DaemonSet DaemonSet(string name, Func<PodSpec, PodSpec>? spec = null, string ns = "default")
    {
        var podSpec = new PodSpec { Containers = EquatableArray.Create(Container(cpu: "100m", memory: "100Mi")) };
        return new DaemonSet
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns },
            Spec = new DaemonSetSpec
            {
                Selector = LabelSelector.ForLabels("app", name),
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = StringMap.Of("app", name) },
                    Spec = spec is null ? podSpec : spec(podSpec),
                },
            },
        };
    }

    /// <summary>A simulation with nodes <c>prefix-1</c>..<c>prefix-N</c> and instant kubelets, so tests need not think about latency.</summary>
    public static Simulation Cluster(int nodes, string prefix = "node", ulong seed = 1, KubeletOptions? kubelet = null)
    {
        var sim = new Simulation(new SimulationOptions
        {
            Seed = seed,
            Kubelet = kubelet ?? new KubeletOptions { StartLatencyMin = TimeSpan.FromSeconds(1), StartLatencyMax = TimeSpan.FromSeconds(1) },
        });
        for (var i = 1; i <= nodes; i++)
        {
            sim.CreateNode(Node($"{prefix}-{i}"));
        }

        return sim;
    }

    /// <summary>Pods of a DaemonSet, by the node they are bound to (unbound pods under "").</summary>
    public static ILookup<string, Pod> PodsByNode(this Simulation sim, string ns, string name)
    {
        var ds = sim.State.GetDaemonSet(ns, name)!;
        return sim.State.PodsControlledBy(ds.Metadata.Uid).ToLookup(p => p.Spec.NodeName);
    }
}
