using System.Collections.Immutable;
using Simulator.Model;

namespace Simulator.Scheduling;

/// <summary>
/// Compact resource amounts used on the scheduler's hot path (Kubernetes' <c>framework.Resource</c>): CPU in millicores,
/// memory and ephemeral storage in bytes, a pod count, and extended resources (for example <c>nvidia.com/gpu</c>) by name.
/// </summary>
/// <param name="MilliCpu">CPU in millicores.</param>
/// <param name="Memory">Memory in bytes.</param>
/// <param name="EphemeralStorage">Ephemeral storage in bytes.</param>
/// <param name="Pods">A pod count (allocatable pods on a node; unused in requests).</param>
/// <param name="Scalars">Extended resources, sorted by name.</param>
public readonly record struct ResourceAmounts(long MilliCpu, long Memory, long EphemeralStorage, long Pods, EquatableArray<KeyValuePair<string, long>> Scalars)
{
    /// <summary>No resources.</summary>
    public static ResourceAmounts Zero => default;

    /// <summary>Reads a resource list: cpu as milli-value, the rest as whole values rounded up, as Kubernetes does.</summary>
    /// <param name="list">The list.</param>
    /// <returns>The amounts.</returns>
    public static ResourceAmounts From(ResourceList list)
    {
        long cpu = 0, memory = 0, storage = 0, pods = 0;
        ImmutableArray<KeyValuePair<string, long>>.Builder? scalars = null;
        foreach (var pair in list)
        {
            switch (pair.Key)
            {
                case ResourceNames.Cpu:
                    cpu = pair.Value.MilliValue;
                    break;
                case ResourceNames.Memory:
                    memory = pair.Value.Value;
                    break;
                case ResourceNames.EphemeralStorage:
                    storage = pair.Value.Value;
                    break;
                case ResourceNames.Pods:
                    pods = pair.Value.Value;
                    break;
                default:
                    scalars ??= ImmutableArray.CreateBuilder<KeyValuePair<string, long>>();
                    scalars.Add(new(pair.Key, pair.Value.Value));
                    break;
            }
        }

        return new ResourceAmounts(cpu, memory, storage, pods, scalars is null ? default : new EquatableArray<KeyValuePair<string, long>>(scalars.ToImmutable()));
    }

    /// <summary>The amount of an extended resource (0 when absent).</summary>
    /// <param name="name">The resource name.</param>
    /// <returns>The amount.</returns>
    public long Scalar(string name)
    {
        foreach (var pair in Scalars)
        {
            if (pair.Key == name)
            {
                return pair.Value;
            }
        }

        return 0;
    }

    /// <summary>Adds two amounts resource by resource.</summary>
    public static ResourceAmounts operator +(ResourceAmounts a, ResourceAmounts b) => Combine(a, b, 1);

    /// <summary>Subtracts resource by resource.</summary>
    public static ResourceAmounts operator -(ResourceAmounts a, ResourceAmounts b) => Combine(a, b, -1);

    /// <summary>The per-resource maximum (init container semantics).</summary>
    /// <param name="a">One amount.</param>
    /// <param name="b">The other.</param>
    /// <returns>The maximum of each resource.</returns>
    public static ResourceAmounts Max(ResourceAmounts a, ResourceAmounts b)
    {
        var scalars = MergeScalars(a.Scalars, b.Scalars, (x, y) => Math.Max(x, y));
        return new ResourceAmounts(Math.Max(a.MilliCpu, b.MilliCpu), Math.Max(a.Memory, b.Memory), Math.Max(a.EphemeralStorage, b.EphemeralStorage), Math.Max(a.Pods, b.Pods), scalars);
    }

    private static ResourceAmounts Combine(ResourceAmounts a, ResourceAmounts b, int sign)
    {
        var scalars = a.Scalars.IsEmpty && b.Scalars.IsEmpty ? default : MergeScalars(a.Scalars, b.Scalars, sign > 0 ? static (x, y) => x + y : static (x, y) => x - y);
        return new ResourceAmounts(a.MilliCpu + (sign * b.MilliCpu), a.Memory + (sign * b.Memory), a.EphemeralStorage + (sign * b.EphemeralStorage), a.Pods + (sign * b.Pods), scalars);
    }

    private static EquatableArray<KeyValuePair<string, long>> MergeScalars(EquatableArray<KeyValuePair<string, long>> a, EquatableArray<KeyValuePair<string, long>> b, Func<long, long, long> combine)
    {
        if (a.IsEmpty && b.IsEmpty)
        {
            return default;
        }

        var result = ImmutableArray.CreateBuilder<KeyValuePair<string, long>>();
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            var cmp = i >= a.Count ? 1 : j >= b.Count ? -1 : string.CompareOrdinal(a[i].Key, b[j].Key);
            if (cmp < 0)
            {
                result.Add(new(a[i].Key, combine(a[i].Value, 0)));
                i++;
            }
            else if (cmp > 0)
            {
                result.Add(new(b[j].Key, combine(0, b[j].Value)));
                j++;
            }
            else
            {
                result.Add(new(a[i].Key, combine(a[i].Value, b[j].Value)));
                i++;
                j++;
            }
        }

        return new EquatableArray<KeyValuePair<string, long>>(result.ToImmutable());
    }
}

/// <summary>A pod's effective requests, computed as Kubernetes' <c>PodRequests</c> does.</summary>
public static class PodRequests
{
    /// <summary>Default CPU request assumed for scoring when a container requests none (100m).</summary>
    public const long DefaultMilliCpuRequest = 100;

    /// <summary>Default memory request assumed for scoring when a container requests none (200Mi).</summary>
    public const long DefaultMemoryRequest = 200L * 1024 * 1024;

    /// <summary>
    /// The effective requests: the sum of containers and sidecars (restartable init containers), then per resource the maximum
    /// with each ordinary init container plus the sidecars declared before it, plus pod overhead.
    /// </summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>The requests.</returns>
    public static ResourceAmounts Compute(PodSpec spec) => Compute(spec, nonZero: false);

    /// <summary>Like <see cref="Compute(PodSpec)"/> but a container with no CPU or memory request counts 100m / 200Mi (used only for scoring).</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>The requests for scoring.</returns>
    public static ResourceAmounts ComputeNonZero(PodSpec spec) => Compute(spec, nonZero: true);

    private static ResourceAmounts Compute(PodSpec spec, bool nonZero)
    {
        var sum = ResourceAmounts.Zero;
        foreach (var c in spec.Containers)
        {
            sum += ContainerRequests(c, nonZero);
        }

        var sidecars = ResourceAmounts.Zero;
        var initMax = ResourceAmounts.Zero;
        foreach (var init in spec.InitContainers)
        {
            var requests = ContainerRequests(init, nonZero);
            if (init.RestartPolicy == RestartPolicy.Always)
            {
                sum += requests;
                sidecars += requests;
                initMax = ResourceAmounts.Max(initMax, sidecars);
            }
            else
            {
                initMax = ResourceAmounts.Max(initMax, sidecars + requests);
            }
        }

        var result = ResourceAmounts.Max(sum, initMax);
        if (!spec.Overhead.IsEmpty)
        {
            result += ResourceAmounts.From(spec.Overhead);
        }

        return result;
    }

    private static ResourceAmounts ContainerRequests(Container c, bool nonZero)
    {
        var requests = ResourceAmounts.From(c.Resources.Requests);
        if (nonZero)
        {
            if (!c.Resources.Requests.ContainsKey(ResourceNames.Cpu))
            {
                requests = requests with { MilliCpu = DefaultMilliCpuRequest };
            }

            if (!c.Resources.Requests.ContainsKey(ResourceNames.Memory))
            {
                requests = requests with { Memory = DefaultMemoryRequest };
            }
        }

        return requests;
    }
}
