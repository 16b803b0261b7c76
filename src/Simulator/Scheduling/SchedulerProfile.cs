using System.Collections.Immutable;
using Simulator.Scheduling.Rules;

namespace Simulator.Scheduling;

/// <summary>A score rule with its weight in the profile.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Weight">The weight its normalised score is multiplied by.</param>
public sealed record WeightedScoreRule(IScoreRule Rule, int Weight);

/// <summary>
/// The rules a scheduler runs, in order: pre-filters, filters (the first failing filter names a node's reason), weighted scores.
/// Immutable: every change returns a new profile.
/// </summary>
public sealed record SchedulerProfile
{
    /// <summary>The profile's name (its <c>schedulerName</c>).</summary>
    public string Name { get; init; } = "default-scheduler";

    /// <summary>Rules that narrow the candidate nodes.</summary>
    public ImmutableArray<IPreFilterRule> PreFilters { get; init; } = [];

    /// <summary>Filters, in order.</summary>
    public ImmutableArray<IFilterRule> Filters { get; init; } = [];

    /// <summary>Weighted score rules.</summary>
    public ImmutableArray<WeightedScoreRule> Scores { get; init; } = [];

    /// <summary>
    /// kube-scheduler's <c>percentageOfNodesToScore</c>: once this share of the nodes has passed the filters, the search stops and
    /// only those are scored. Null (the default) is Kubernetes' adaptive share, 50% minus 1% per 125 nodes with a floor of 5%;
    /// clusters under 100 nodes, and searches that would find fewer than 100 nodes, look at every node. 100 scores every node.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not between 0 and 100 (kube-scheduler's validation).</exception>
    public int? PercentageOfNodesToScore
    {
        get => _percentageOfNodesToScore;
        init
        {
            if (value is < 0 or > 100)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "percentageOfNodesToScore: Invalid value: not in valid range [0-100]");
            }

            _percentageOfNodesToScore = value;
        }
    }

    private readonly int? _percentageOfNodesToScore;

    /// <summary>How many feasible nodes end the search in a cluster of <paramref name="nodes"/> nodes (<c>numFeasibleNodesToFind</c>).</summary>
    /// <param name="nodes">The nodes that could be examined.</param>
    /// <returns>The number of feasible nodes to find.</returns>
    public int FeasibleNodesToFind(int nodes)
    {
        const int minimum = 100;
        if (nodes < minimum)
        {
            return nodes;
        }

        var percentage = PercentageOfNodesToScore ?? 0;
        if (percentage == 0)
        {
            percentage = Math.Max(50 - (nodes / 125), 5);
        }

        return Math.Max((int)((long)nodes * percentage / 100), minimum);
    }

    /// <summary>
    /// Kubernetes' default profile: filters NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts,
    /// NodeResourcesFit; scores TaintToleration (3), NodeAffinity (2), NodeResourcesFit (1), NodeResourcesBalancedAllocation (1).
    /// </summary>
    public static SchedulerProfile Default { get; } = CreateDefault();

    private static SchedulerProfile CreateDefault()
    {
        var taints = new TaintToleration();
        var affinity = new NodeAffinity();
        var fit = new NodeResourcesFit();
        return new SchedulerProfile
        {
            PreFilters = [affinity],
            Filters = [new NodeUnschedulable(), new NodeName(), taints, affinity, new NodePorts(), fit],
            Scores =
            [
                new WeightedScoreRule(taints, 3),
                new WeightedScoreRule(affinity, 2),
                new WeightedScoreRule(fit, 1),
                new WeightedScoreRule(new NodeResourcesBalancedAllocation(), 1),
            ],
        };
    }

    /// <summary>Returns a profile without the rule called <paramref name="ruleName"/> (in every extension point).</summary>
    /// <param name="ruleName">The rule name, e.g. <c>NodePorts</c>.</param>
    /// <returns>The new profile.</returns>
    public SchedulerProfile Without(string ruleName)
    {
        if (!PreFilters.Any(r => r.Name == ruleName) && !Filters.Any(r => r.Name == ruleName) && !Scores.Any(s => s.Rule.Name == ruleName))
        {
            throw new ArgumentException($"The profile has no rule named '{ruleName}'.", nameof(ruleName));
        }

        return this with
        {
            PreFilters = PreFilters.RemoveAll(r => r.Name == ruleName),
            Filters = Filters.RemoveAll(r => r.Name == ruleName),
            Scores = Scores.RemoveAll(s => s.Rule.Name == ruleName),
        };
    }

    /// <summary>Returns a profile where the score rule called <paramref name="ruleName"/> has a new weight.</summary>
    /// <param name="ruleName">The rule name.</param>
    /// <param name="weight">The weight, at least 1.</param>
    /// <returns>The new profile.</returns>
    public SchedulerProfile WithWeight(string ruleName, int weight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weight, 1);
        var index = Scores.IndexOf(Scores.FirstOrDefault(s => s.Rule.Name == ruleName)!);
        if (index < 0)
        {
            throw new ArgumentException($"The profile has no score rule named '{ruleName}'.", nameof(ruleName));
        }

        return this with { Scores = Scores.SetItem(index, Scores[index] with { Weight = weight }) };
    }

    /// <summary>Returns a profile with a rule of the user's added at every extension point it implements (filters after the built-in ones).</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="weight">The weight, when the rule scores.</param>
    /// <returns>The new profile.</returns>
    public SchedulerProfile With(ISchedulerRule rule, int weight = 1)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var profile = this;
        if (rule is IPreFilterRule pre)
        {
            profile = profile with { PreFilters = profile.PreFilters.Add(pre) };
        }

        if (rule is IFilterRule filter)
        {
            profile = profile with { Filters = profile.Filters.Add(filter) };
        }

        if (rule is IScoreRule score)
        {
            profile = profile with { Scores = profile.Scores.Add(new WeightedScoreRule(score, weight)) };
        }

        if (profile == this)
        {
            throw new ArgumentException("The rule implements no extension point (IPreFilterRule, IFilterRule or IScoreRule).", nameof(rule));
        }

        return profile;
    }
}
