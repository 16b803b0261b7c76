namespace Simulator.Engine;

/// <summary>
/// The simulation's one random source: a seeded SplitMix64 generator whose sequence is fixed by this
/// library, not by the .NET runtime, so a seed gives the same sequence on every runtime version.
/// </summary>
/// <remarks>Owned by the simulation state; never shared across simulations.</remarks>
public sealed class SimRandom
{
    private ulong _state;

    /// <summary>Creates a generator from a seed.</summary>
    /// <param name="seed">The seed.</param>
    public SimRandom(ulong seed) => _state = seed;

    /// <summary>A generator in the same state, for drawing values that may have to be taken back.</summary>
    /// <returns>The copy.</returns>
    public SimRandom Clone() => new(0) { _state = _state };

    /// <summary>Moves this generator to <paramref name="other"/>'s state (commits draws made on a clone).</summary>
    /// <param name="other">The generator to follow.</param>
    public void CopyFrom(SimRandom other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _state = other._state;
    }

    /// <summary>The next 64 random bits.</summary>
    /// <returns>A uniformly distributed value.</returns>
    public ulong NextUInt64()
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15UL;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A value in [0, <paramref name="exclusiveMax"/>), without modulo bias worth noticing for simulation use.</summary>
    /// <param name="exclusiveMax">The upper bound, at least 1.</param>
    /// <returns>The value.</returns>
    public long NextInt64(long exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(exclusiveMax, 1);
        return (long)(NextUInt64() % (ulong)exclusiveMax);
    }

    /// <summary>A duration uniformly between <paramref name="min"/> and <paramref name="max"/> inclusive, in whole milliseconds.</summary>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value.</param>
    /// <returns>The duration.</returns>
    public TimeSpan NextDuration(TimeSpan min, TimeSpan max)
    {
        var lo = (long)min.TotalMilliseconds;
        var hi = (long)max.TotalMilliseconds;
        if (hi <= lo)
        {
            return min;
        }

        return TimeSpan.FromMilliseconds(lo + NextInt64(hi - lo + 1));
    }

    /// <summary>A string of <paramref name="length"/> characters from <paramref name="alphabet"/>.</summary>
    /// <param name="alphabet">The characters to choose from.</param>
    /// <param name="length">How many characters.</param>
    /// <returns>The string.</returns>
    public string NextString(string alphabet, int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[(int)NextInt64(alphabet.Length)];
        }

        return new string(chars);
    }
}
