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
        return new Node
        {
            Metadata = ToModel(obj.Metadata, context),
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
            Metadata = ToKubernetes(obj.Metadata),
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
            },
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
