using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Kubernetes.Tests.Views;

/// <summary>Small clusters for the kubectl view tests: instant kubelets, a fixed seed, the seed guide's fluentd DaemonSet.</summary>
internal static class ViewFixtures
{
    public static Node Node(string name, StringMap labels = default) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = labels },
        Status = new NodeStatus { Capacity = ResourceList.Of("cpu", "4", "memory", "16Gi", "pods", "110") },
    };

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

    /// <summary>Two workers and a control-plane node, the logging namespace and fluentd, settled.</summary>
    public static Simulation FluentdCluster()
    {
        var sim = new Simulation(new SimulationOptions
        {
            Seed = 7,
            Kubelet = new KubeletOptions { StartLatencyMin = TimeSpan.FromSeconds(1), StartLatencyMax = TimeSpan.FromSeconds(1) },
        });
        sim.CreateNode(Node("cp-1", StringMap.Of("node-role.kubernetes.io/control-plane", "")));
        sim.CreateNode(Node("w1"));
        sim.CreateNode(Node("w2"));
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Fluentd());
        sim.RunUntilSettled();
        return sim;
    }
}
