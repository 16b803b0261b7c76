using System.Text;
using Simulator.Model;

namespace Simulator.Controllers;

/// <summary>
/// The <c>controller-revision-hash</c> of a pod template: FNV-32a over a canonical rendering of the template (plus the collision
/// count), with the decimal digits of the result mapped onto Kubernetes' safe alphabet. Deterministic; not byte-equal to
/// Kubernetes' value, which depends on Go's object dump.
/// </summary>
public static class TemplateHash
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>Computes the hash.</summary>
    /// <param name="template">The pod template.</param>
    /// <param name="collisionCount">The DaemonSet's <c>status.collisionCount</c>, if any.</param>
    /// <returns>The hash, at most ten characters.</returns>
    public static string Compute(PodTemplateSpec template, int? collisionCount = null)
    {
        const uint offset = 2166136261;
        const uint prime = 16777619;
        var hash = offset;
        var bytes = Encoding.UTF8.GetBytes(template.ToString());
        unchecked
        {
            foreach (var b in bytes)
            {
                hash ^= b;
                hash *= prime;
            }

            if (collisionCount is { } count)
            {
                Span<byte> countBytes = stackalloc byte[4];
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(countBytes, count);
                foreach (var b in countBytes)
                {
                    hash ^= b;
                    hash *= prime;
                }
            }
        }

        var digits = hash.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var encoded = new StringBuilder(digits.Length);
        foreach (var d in digits)
        {
            encoded.Append(Alphabet[d % Alphabet.Length]);
        }

        return encoded.ToString();
    }
}
