using System.Runtime.CompilerServices;
using Simulator.Model;

namespace Simulator.Scheduling.Rules;

/// <summary>
/// Filter: every NoSchedule and NoExecute taint must be tolerated. Score: fewer untolerated PreferNoSchedule taints is better
/// (only tolerations with effect PreferNoSchedule or empty count, as in Kubernetes).
/// </summary>
public sealed class TaintToleration : IFilterRule, IScoreRule
{
    // The verdict for an untolerated taint, made once per taint object: every attempt meets the same tainted nodes.
    private static readonly ConditionalWeakTable<Taint, StrongBox<FilterResult>> UntoleratedResults = [];

    /// <inheritdoc/>
    public string Name => "TaintToleration";

    /// <summary>The failure reason for an untolerated taint, in kube-scheduler's words.</summary>
    /// <param name="taint">The first untolerated taint.</param>
    /// <returns>The reason.</returns>
    public static string ReasonFor(Taint taint) => $"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}";

    /// <inheritdoc/>
    public FilterResult Filter(PodSchedulingContext pod, NodeInfo node)
    {
        foreach (var taint in node.Node.Spec.Taints)
        {
            if (taint.Effect is TaintEffect.NoSchedule or TaintEffect.NoExecute && !Toleration.AnyTolerates(pod.Pod.Spec.Tolerations, taint))
            {
                return UntoleratedResults.GetValue(taint, static t => new StrongBox<FilterResult>(FilterResult.Unresolvable(ReasonFor(t)))).Value;
            }
        }

        return FilterResult.Success;
    }

    /// <inheritdoc/>
    public long Score(PodSchedulingContext pod, NodeInfo node)
    {
        long count = 0;
        foreach (var taint in node.Node.Spec.Taints)
        {
            if (taint.Effect != TaintEffect.PreferNoSchedule)
            {
                continue;
            }

            var tolerated = false;
            foreach (var t in pod.Pod.Spec.Tolerations)
            {
                if ((t.Effect.Length == 0 || t.Effect == TaintEffect.PreferNoSchedule) && t.Tolerates(taint))
                {
                    tolerated = true;
                    break;
                }
            }

            if (!tolerated)
            {
                count++;
            }
        }

        return count;
    }

    /// <inheritdoc/>
    public void Normalize(PodSchedulingContext pod, Span<long> scores) => ScoreNormalization.Default(scores, reverse: true);
}
