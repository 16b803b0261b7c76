namespace Simulator.Scheduling.Rules;

/// <summary>Rejects nodes where a wanted host port (hostIP, protocol, port) is already in use.</summary>
public sealed class NodePorts : IFilterRule
{
    /// <summary>The failure reason.</summary>
    public const string Reason = "node(s) didn't have free ports for the requested pod ports";

    /// <inheritdoc/>
    public string Name => "NodePorts";

    /// <inheritdoc/>
    public FilterResult Filter(PodSchedulingContext pod, NodeInfo node)
    {
        foreach (var wanted in pod.HostPorts)
        {
            foreach (var used in node.Usage.HostPorts)
            {
                if (wanted.ConflictsWith(used))
                {
                    return FilterResult.Unschedulable(Reason);
                }
            }
        }

        return FilterResult.Success;
    }
}
