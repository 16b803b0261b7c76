namespace Simulator.Model;

/// <summary>
/// Orders names as people count them: runs of ASCII digits compare as numbers (<c>k8s-worker-2</c> before <c>k8s-worker-10</c>);
/// ordinal otherwise and on ties. For displays and reports only: the simulator itself orders nodes ordinally, as its fidelity
/// contract says.
/// </summary>
public sealed class NaturalStringComparer : IComparer<string>
{
    /// <summary>The comparer.</summary>
    public static NaturalStringComparer Instance { get; } = new();

    /// <summary>Compares two names.</summary>
    /// <param name="x">The first name.</param>
    /// <param name="y">The second name.</param>
    /// <returns>Negative when <paramref name="x"/> comes first, zero when equal, positive otherwise.</returns>
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var si = i;
                var sj = j;
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }

                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }

                var a = x.AsSpan(si, i - si).TrimStart('0');
                var b = y.AsSpan(sj, j - sj).TrimStart('0');
                var byNumber = a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
                if (byNumber != 0)
                {
                    return byNumber;
                }

                continue;
            }

            if (x[i] != y[j])
            {
                return x[i].CompareTo(y[j]);
            }

            i++;
            j++;
        }

        var byLength = (x.Length - i).CompareTo(y.Length - j);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }
}
