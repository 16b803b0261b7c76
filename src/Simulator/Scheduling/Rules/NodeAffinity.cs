using Simulator.Model;

namespace Simulator.Scheduling.Rules;

/// <summary>
/// PreFilter: a required term that pins the pod with <c>metadata.name In [x]</c> narrows the candidates to that node.
/// Filter: <c>nodeSelector</c> AND required node affinity. Score: the sum of the weights of matching preferred terms.
/// </summary>
public sealed class NodeAffinity : IPreFilterRule, IFilterRule, IScoreRule
{
    /// <summary>The failure reason for a node that does not match.</summary>
    public const string Reason = "node(s) didn't match Pod's node affinity/selector";

    /// <summary>The reason reported for nodes the PreFilter excluded.</summary>
    public const string PreFilterReason = "node(s) didn't satisfy plugin(s) [NodeAffinity]";

    /// <inheritdoc/>
    public string Name => "NodeAffinity";

    /// <inheritdoc/>
    public IReadOnlyCollection<string>? CandidateNodes(PodSchedulingContext pod)
    {
        var required = pod.Pod.Spec.Affinity?.NodeAffinity?.Required;
        if (required is null)
        {
            return null;
        }

        // Kubernetes narrows only when every term names nodes with a metadata.name In requirement; the union is the candidate set.
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var term in required.NodeSelectorTerms)
        {
            var found = false;
            foreach (var field in term.MatchFields)
            {
                if (field.Key == NodeFieldSelectorKeys.NodeName && field.Operator == SelectorOperator.In && field.Values.Count == 1)
                {
                    names.Add(field.Values[0]);
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return null;
            }
        }

        return names;
    }

    /// <summary>Whether the node satisfies the pod's nodeSelector and required node affinity.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <param name="node">The node.</param>
    /// <returns>True when the node matches.</returns>
    public static bool RequiredMatches(PodSpec spec, Node node)
    {
        if (!spec.NodeSelector.IsSubsetOf(node.Labels))
        {
            return false;
        }

        var required = spec.Affinity?.NodeAffinity?.Required;
        return required is null || required.Matches(node.Name, node.Labels);
    }

    /// <inheritdoc/>
    public FilterResult Filter(PodSchedulingContext pod, NodeInfo node) =>
        RequiredMatches(pod.Pod.Spec, node.Node) ? FilterResult.Success : FilterResult.Unresolvable(Reason);

    /// <inheritdoc/>
    public long Score(PodSchedulingContext pod, NodeInfo node)
    {
        long total = 0;
        var preferred = pod.Pod.Spec.Affinity?.NodeAffinity?.Preferred ?? default;
        foreach (var term in preferred)
        {
            if (term.Weight != 0 && term.Preference.Matches(node.Node.Name, node.Node.Labels))
            {
                total += term.Weight;
            }
        }

        return total;
    }

    /// <inheritdoc/>
    public void Normalize(PodSchedulingContext pod, Span<long> scores) => ScoreNormalization.Default(scores, reverse: false);
}
