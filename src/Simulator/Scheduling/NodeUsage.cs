using System.Collections.Immutable;
using Simulator.Model;

namespace Simulator.Scheduling;

/// <summary>One host port in use or wanted: (hostIP, protocol, port), normalised (empty IP = 0.0.0.0, empty protocol = TCP).</summary>
/// <param name="HostIp">The host IP.</param>
/// <param name="Protocol">The protocol.</param>
/// <param name="Port">The host port.</param>
public readonly record struct HostPortUse(string HostIp, string Protocol, int Port)
{
    /// <summary>The wildcard address.</summary>
    public const string AnyIp = "0.0.0.0";

    /// <summary>
    /// Whether this wanted port conflicts with <paramref name="used"/>: same protocol and port, and either address is the wildcard
    /// or both are equal (Kubernetes' <c>HostPortInfo.CheckConflict</c>).
    /// </summary>
    /// <param name="used">A port in use.</param>
    /// <returns>True on conflict.</returns>
    public bool ConflictsWith(HostPortUse used) =>
        Port == used.Port && Protocol == used.Protocol && (HostIp == AnyIp || used.HostIp == AnyIp || HostIp == used.HostIp);

    /// <summary>The host ports a pod wants: every container port with hostPort &gt; 0.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>The ports, in declaration order.</returns>
    public static EquatableArray<HostPortUse> Of(PodSpec spec)
    {
        ImmutableArray<HostPortUse>.Builder? ports = null;
        foreach (var container in spec.Containers)
        {
            foreach (var port in container.Ports)
            {
                if (port.HostPort > 0)
                {
                    ports ??= ImmutableArray.CreateBuilder<HostPortUse>();
                    ports.Add(new HostPortUse(port.HostIp.Length == 0 ? AnyIp : port.HostIp, port.Protocol.Length == 0 ? PortProtocol.Tcp : port.Protocol, port.HostPort));
                }
            }
        }

        return ports is null ? default : new EquatableArray<HostPortUse>(ports.ToImmutable());
    }
}

/// <summary>
/// What the pods bound to one node use (the scheduler's <c>NodeInfo</c> aggregate): requested and non-zero requested
/// resources, the pod count and the host ports in use. Terminal pods (Succeeded, Failed) use nothing.
/// </summary>
/// <param name="Requested">Sum of the effective requests.</param>
/// <param name="NonZeroRequested">Sum of requests with 100m/200Mi defaults, for scoring.</param>
/// <param name="PodCount">How many non-terminal pods are bound.</param>
/// <param name="HostPorts">Host ports in use.</param>
public sealed record NodeUsage(ResourceAmounts Requested, ResourceAmounts NonZeroRequested, int PodCount, EquatableArray<HostPortUse> HostPorts)
{
    /// <summary>A node with no pods.</summary>
    public static NodeUsage Empty { get; } = new(ResourceAmounts.Zero, ResourceAmounts.Zero, 0, default);

    /// <summary>Whether a pod's usage counts on its node.</summary>
    /// <param name="pod">The pod.</param>
    /// <returns>True for bound, non-terminal pods.</returns>
    public static bool Counts(Pod pod) => pod.IsBound && !pod.IsTerminal;

    /// <summary>Adds a pod.</summary>
    /// <param name="pod">The pod.</param>
    /// <returns>The new usage.</returns>
    public NodeUsage Add(Pod pod)
    {
        var ports = HostPortUse.Of(pod.Spec);
        var allPorts = HostPorts;
        foreach (var p in ports)
        {
            allPorts = allPorts.Add(p);
        }

        return new NodeUsage(Requested + PodRequests.Compute(pod.Spec), NonZeroRequested + PodRequests.ComputeNonZero(pod.Spec), PodCount + 1, allPorts);
    }

    /// <summary>Removes a pod.</summary>
    /// <param name="pod">The pod.</param>
    /// <returns>The new usage.</returns>
    public NodeUsage Remove(Pod pod)
    {
        var ports = HostPortUse.Of(pod.Spec);
        var remaining = HostPorts.Items;
        foreach (var p in ports)
        {
            remaining = remaining.Remove(p);
        }

        return new NodeUsage(Requested - PodRequests.Compute(pod.Spec), NonZeroRequested - PodRequests.ComputeNonZero(pod.Spec), PodCount - 1, remaining);
    }
}
