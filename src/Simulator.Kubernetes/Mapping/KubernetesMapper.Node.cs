using k8s.Models;
using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Kubernetes;

public static partial class KubernetesMapper
{
    /// <summary>Maps a node into the model: metadata, <c>spec.unschedulable</c>, taints, capacity, allocatable and conditions.</summary>
    /// <param name="obj">The node.</param>
    /// <returns>The model node.</returns>
    /// <exception cref="ApiException">A quantity or another field holds a value the model cannot represent.</exception>
    public static Node ToModel(V1Node obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var context = new MappingContext("Node", obj.Metadata?.Name);
        var metadata = ToModel(obj.Metadata, context);
        return new Node
        {
            Metadata = metadata with { Annotations = WithNodeInfo(metadata.Annotations, obj.Status) },
            Spec = new NodeSpec
            {
                Unschedulable = obj.Spec?.Unschedulable ?? false,
                Taints = ToModelList(obj.Spec?.Taints, ToModel),
            },
            Status = new NodeStatus
            {
                Capacity = ToResourceList(obj.Status?.Capacity, context, "status.capacity"),
                Allocatable = ToResourceList(obj.Status?.Allocatable, context, "status.allocatable"),
                Conditions = ToModelList(obj.Status?.Conditions, ToModel),
            },
        };
    }

    /// <summary>Maps a node to a KubernetesClient object (<c>v1 Node</c>).</summary>
    /// <param name="obj">The model node.</param>
    /// <returns>The V1 node.</returns>
    public static V1Node ToKubernetes(Node obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new V1Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = ToKubernetes(obj.Metadata with { Annotations = WithoutNodeInfo(obj.Metadata.Annotations) }),
            Spec = new V1NodeSpec
            {
                Unschedulable = TrueOrNull(obj.Spec.Unschedulable),
                Taints = ToKubernetesList(obj.Spec.Taints, ToKubernetes),
            },
            Status = new V1NodeStatus
            {
                Capacity = ToKubernetes(obj.Status.Capacity),
                Allocatable = ToKubernetes(obj.Status.Allocatable),
                Conditions = ToKubernetesList(obj.Status.Conditions, ToKubernetes),
                Addresses = Addresses(obj.Metadata.Annotations),
                NodeInfo = NodeInfo(obj.Metadata.Annotations, obj.Metadata.Labels),
            },
        };
    }

    // The model has no node info or addresses; they travel in kubesim.io annotations so that a loaded snapshot keeps what
    // `kubectl get nodes -o wide` and `describe node` show, and -o yaml gives them back in their Kubernetes places.
    private static readonly (string Annotation, Func<V1NodeSystemInfo, string?> Read)[] NodeInfoFields =
    [
        (Views.NodeInfoAnnotations.KubeletVersion, i => i.KubeletVersion),
        (Views.NodeInfoAnnotations.OsImage, i => i.OsImage),
        (Views.NodeInfoAnnotations.KernelVersion, i => i.KernelVersion),
        (Views.NodeInfoAnnotations.ContainerRuntimeVersion, i => i.ContainerRuntimeVersion),
    ];

    private static StringMap WithNodeInfo(StringMap annotations, V1NodeStatus? status)
    {
        foreach (var (annotation, read) in NodeInfoFields)
        {
            if (status?.NodeInfo is { } info && read(info) is { Length: > 0 } value)
            {
                annotations = annotations.With(annotation, value);
            }
        }

        foreach (var address in status?.Addresses ?? [])
        {
            var annotation = address.Type switch
            {
                "InternalIP" => Views.NodeInfoAnnotations.InternalIp,
                "ExternalIP" => Views.NodeInfoAnnotations.ExternalIp,
                _ => null,
            };
            if (annotation is not null && !string.IsNullOrEmpty(address.Address) && !annotations.ContainsKey(annotation))
            {
                annotations = annotations.With(annotation, address.Address);
            }
        }

        return annotations;
    }

    private static StringMap WithoutNodeInfo(StringMap annotations)
    {
        foreach (var (annotation, _) in NodeInfoFields)
        {
            annotations = annotations.Without(annotation);
        }

        return annotations.Without(Views.NodeInfoAnnotations.InternalIp).Without(Views.NodeInfoAnnotations.ExternalIp);
    }

    private static List<V1NodeAddress>? Addresses(StringMap annotations)
    {
        var addresses = new List<V1NodeAddress>();
        if (annotations.GetValueOrDefault(Views.NodeInfoAnnotations.InternalIp) is { } internalIp)
        {
            addresses.Add(new V1NodeAddress { Address = internalIp, Type = "InternalIP" });
        }

        if (annotations.GetValueOrDefault(Views.NodeInfoAnnotations.ExternalIp) is { } externalIp)
        {
            addresses.Add(new V1NodeAddress { Address = externalIp, Type = "ExternalIP" });
        }

        return addresses.Count == 0 ? null : addresses;
    }

    private static V1NodeSystemInfo? NodeInfo(StringMap annotations, StringMap labels)
    {
        if (!NodeInfoFields.Any(f => annotations.ContainsKey(f.Annotation)))
        {
            return null;
        }

        return new V1NodeSystemInfo
        {
            KubeletVersion = annotations.GetValueOrDefault(Views.NodeInfoAnnotations.KubeletVersion) ?? "",
            OsImage = annotations.GetValueOrDefault(Views.NodeInfoAnnotations.OsImage) ?? "",
            KernelVersion = annotations.GetValueOrDefault(Views.NodeInfoAnnotations.KernelVersion) ?? "",
            ContainerRuntimeVersion = annotations.GetValueOrDefault(Views.NodeInfoAnnotations.ContainerRuntimeVersion) ?? "",
            Architecture = labels.GetValueOrDefault("kubernetes.io/arch") ?? "",
            BootID = "",
            KubeProxyVersion = "",
            MachineID = "",
            OperatingSystem = labels.GetValueOrDefault("kubernetes.io/os") ?? "",
            SystemUUID = "",
        };
    }

    private static Taint ToModel(V1Taint taint) => new(taint.Key ?? "", taint.Value ?? "", taint.Effect ?? "", ToSimTime(taint.TimeAdded));

    private static V1Taint ToKubernetes(Taint taint) => new()
    {
        Key = taint.Key,
        Value = NullIfEmpty(taint.Value),
        Effect = taint.Effect,
        TimeAdded = ToDateTime(taint.TimeAdded),
    };

    private static NodeCondition ToModel(V1NodeCondition condition) =>
        new(condition.Type ?? "", condition.Status ?? "", ToSimTime(condition.LastTransitionTime) ?? default, condition.Reason ?? "", condition.Message ?? "");

    private static V1NodeCondition ToKubernetes(NodeCondition condition) => new()
    {
        Type = condition.Type,
        Status = condition.Status,
        LastTransitionTime = condition.LastTransitionTime == default ? null : ToDateTime(condition.LastTransitionTime),
        Reason = NullIfEmpty(condition.Reason),
        Message = NullIfEmpty(condition.Message),
    };
}
