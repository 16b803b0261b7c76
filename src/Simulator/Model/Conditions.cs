using Simulator.Engine;

namespace Simulator.Model;

/// <summary>What node and pod conditions have in common, so one routine keeps both lists.</summary>
/// <typeparam name="TSelf">The condition type.</typeparam>
internal interface ICondition<TSelf>
    where TSelf : ICondition<TSelf>
{
    string Type { get; }

    string Status { get; }

    SimTime LastTransitionTime { get; }

    TSelf WithLastTransitionTime(SimTime time);
}

/// <summary>Condition list operations shared by nodes and pods.</summary>
internal static class Conditions
{
    public static T? Find<T>(EquatableArray<T> conditions, string type)
        where T : class, ICondition<T>
    {
        foreach (var c in conditions)
        {
            if (c.Type == type)
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>Replaces the condition of the same type (keeping its transition time when the status is unchanged) or appends it.</summary>
    public static EquatableArray<T> Set<T>(EquatableArray<T> conditions, T condition)
        where T : class, ICondition<T>
    {
        var list = new List<T>(conditions.Count + 1);
        var found = false;
        foreach (var c in conditions)
        {
            if (c.Type == condition.Type)
            {
                found = true;
                list.Add(c.Status == condition.Status ? condition.WithLastTransitionTime(c.LastTransitionTime) : condition);
            }
            else
            {
                list.Add(c);
            }
        }

        if (!found)
        {
            list.Add(condition);
        }

        return list.ToEquatableArray();
    }
}
