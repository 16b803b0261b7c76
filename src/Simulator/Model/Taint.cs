using Simulator.Engine;

namespace Simulator.Model;

/// <summary>Taint effects, with Kubernetes' spelling.</summary>
public static class TaintEffect
{
    /// <summary>Blocks new placement of pods that do not tolerate the taint.</summary>
    public const string NoSchedule = "NoSchedule";

    /// <summary>A soft preference: the scheduler avoids the node but nothing is blocked.</summary>
    public const string PreferNoSchedule = "PreferNoSchedule";

    /// <summary>Blocks placement and evicts running pods that do not tolerate the taint.</summary>
    public const string NoExecute = "NoExecute";

    /// <summary>The supported values, in Kubernetes' order.</summary>
    public static IReadOnlyList<string> All { get; } = [NoSchedule, PreferNoSchedule, NoExecute];
}

/// <summary>A node taint (<c>spec.taints[]</c>).</summary>
/// <param name="Key">The taint key.</param>
/// <param name="Value">The taint value (may be empty).</param>
/// <param name="Effect">One of <see cref="TaintEffect"/>.</param>
/// <param name="TimeAdded">When a NoExecute taint was added (set by the simulation).</param>
public sealed record Taint(string Key, string Value, string Effect, SimTime? TimeAdded = null)
{
    /// <summary>Whether two taints are "the same taint" for Kubernetes: same key and effect (<c>MatchTaint</c>).</summary>
    /// <param name="other">The other taint.</param>
    /// <returns>True when key and effect are equal.</returns>
    public bool Matches(Taint other) => Key == other.Key && Effect == other.Effect;

    /// <summary>Renders as kubectl does: <c>key=value:Effect</c>, or <c>key:Effect</c> when the value is empty.</summary>
    /// <returns>The rendering.</returns>
    public override string ToString() => Value.Length == 0 ? $"{Key}:{Effect}" : $"{Key}={Value}:{Effect}";

    /// <summary>Parses kubectl taint syntax <c>key[=value]:Effect</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The taint.</returns>
    public static Taint Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new FormatException($"invalid taint spec: {text}");
        }

        var effect = text[(colon + 1)..];
        var keyValue = text[..colon];
        var eq = keyValue.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? new Taint(keyValue, "", effect) : new Taint(keyValue[..eq], keyValue[(eq + 1)..], effect);
    }
}

/// <summary>Toleration operators.</summary>
public static class TolerationOperator
{
    /// <summary>The key must exist; the value is ignored.</summary>
    public const string Exists = "Exists";

    /// <summary>The value must equal the taint's value (the default when empty).</summary>
    public const string Equal = "Equal";
}

/// <summary>A pod toleration (<c>spec.tolerations[]</c>).</summary>
/// <param name="Key">The taint key; empty matches every key (only with <c>Exists</c>).</param>
/// <param name="Operator"><c>Exists</c> or <c>Equal</c>; empty means <c>Equal</c>.</param>
/// <param name="Value">The value compared with <c>Equal</c>.</param>
/// <param name="Effect">The effect to match; empty matches every effect.</param>
/// <param name="TolerationSeconds">For NoExecute: how long the pod stays bound after the taint appears; null means forever.</param>
public sealed record Toleration(string Key = "", string Operator = "", string Value = "", string Effect = "", long? TolerationSeconds = null)
{
    /// <summary>
    /// Whether this toleration tolerates <paramref name="taint"/>, as Kubernetes' <c>ToleratesTaint</c>:
    /// effect (empty = any), key (empty = any), then operator (<c>Equal</c>/empty compares values, <c>Exists</c> ignores them,
    /// anything else never matches). <see cref="TolerationSeconds"/> plays no part.
    /// </summary>
    /// <param name="taint">The taint.</param>
    /// <returns>True when tolerated.</returns>
    public bool Tolerates(Taint taint)
    {
        if (Effect.Length != 0 && Effect != taint.Effect)
        {
            return false;
        }

        if (Key.Length != 0 && Key != taint.Key)
        {
            return false;
        }

        return Operator switch
        {
            "" or TolerationOperator.Equal => Value == taint.Value,
            TolerationOperator.Exists => true,
            _ => false,
        };
    }

    /// <summary>Whether two tolerations are the same for Kubernetes (<c>MatchToleration</c>): key, operator, value and effect.</summary>
    /// <param name="other">The other toleration.</param>
    /// <returns>True when they match.</returns>
    public bool MatchesToleration(Toleration other) =>
        Key == other.Key && Operator == other.Operator && Value == other.Value && Effect == other.Effect;

    /// <summary>Whether any toleration in <paramref name="tolerations"/> tolerates <paramref name="taint"/>.</summary>
    /// <param name="tolerations">The tolerations.</param>
    /// <param name="taint">The taint.</param>
    /// <returns>True when tolerated.</returns>
    public static bool AnyTolerates(EquatableArray<Toleration> tolerations, Taint taint)
    {
        foreach (var toleration in tolerations)
        {
            if (toleration.Tolerates(taint))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Well-known taint keys the platform applies (<c>well_known_taints.go</c>).</summary>
public static class WellKnownTaints
{
    /// <summary>Node Ready condition is False.</summary>
    public const string NotReady = "node.kubernetes.io/not-ready";

    /// <summary>Node Ready condition is Unknown (the kubelet stopped reporting).</summary>
    public const string Unreachable = "node.kubernetes.io/unreachable";

    /// <summary>Node is cordoned (<c>spec.unschedulable</c>).</summary>
    public const string Unschedulable = "node.kubernetes.io/unschedulable";

    /// <summary>MemoryPressure condition is True.</summary>
    public const string MemoryPressure = "node.kubernetes.io/memory-pressure";

    /// <summary>DiskPressure condition is True.</summary>
    public const string DiskPressure = "node.kubernetes.io/disk-pressure";

    /// <summary>PIDPressure condition is True.</summary>
    public const string PidPressure = "node.kubernetes.io/pid-pressure";

    /// <summary>NetworkUnavailable condition is True.</summary>
    public const string NetworkUnavailable = "node.kubernetes.io/network-unavailable";
}
