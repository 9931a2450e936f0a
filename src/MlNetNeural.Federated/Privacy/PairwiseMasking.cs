using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MlNetNeural.Federated.Privacy;

/// <summary>
/// Pairwise additive masking (Bonawitz et al. 2017, "Practical Secure Aggregation for Privacy-Preserving Machine
/// Learning", the protocol without dropout recovery). For each pair of sites (i, j) both expand their shared key into
/// the same pseudo-random vector m_ij over the ring Z/2⁶⁴ (AES-128 in counter mode); the site earlier in the roster
/// adds it, the later one subtracts it. Each masked vector on its own is uniformly random to the coordinator, while in
/// the sum of all roster members' vectors every m_ij appears once with each sign and cancels exactly.
/// </summary>
internal static class PairwiseMasking
{
    /// <summary>Adds this site's pairwise masks to its encoded vector in place.</summary>
    /// <param name="encoded">The site's fixed-point vector; masked on return.</param>
    /// <param name="self">This site's name (must be in <paramref name="roster"/>).</param>
    /// <param name="roster">Every site in this aggregation with its published key, in one agreed order.</param>
    /// <param name="keyPair">This site's key pair for the attempt.</param>
    /// <param name="context">The study, round and attempt (all sites use the same text).</param>
    public static void Apply(Span<ulong> encoded, string self, IReadOnlyList<(string Site, byte[] PublicKey)> roster, MaskingKeyPair keyPair, string context)
    {
        int position = -1;
        for (int k = 0; k < roster.Count; k++) if (roster[k].Site == self) position = k;
        if (position < 0) throw new ArgumentException($"Site '{self}' is not in the masking roster.", nameof(roster));
        var mask = new ulong[encoded.Length];
        for (int k = 0; k < roster.Count; k++)
        {
            if (k == position) continue;
            ExpandMask(keyPair.SharedMaskKey(roster[k].PublicKey, context), mask);
            if (position < k) for (int i = 0; i < encoded.Length; i++) encoded[i] = unchecked(encoded[i] + mask[i]);
            else for (int i = 0; i < encoded.Length; i++) encoded[i] = unchecked(encoded[i] - mask[i]);
        }
    }

    /// <summary>Fills <paramref name="mask"/> with the AES-128-CTR keystream of <paramref name="key"/> read as 64-bit words.</summary>
    /// <param name="key">A 16-byte key.</param>
    /// <param name="mask">Destination.</param>
    public static void ExpandMask(byte[] key, Span<ulong> mask)
    {
        int blocks = (mask.Length + 1) / 2;
        var counters = new byte[blocks * 16];
        for (int b = 0; b < blocks; b++) BinaryPrimitives.WriteInt64LittleEndian(counters.AsSpan(b * 16, 8), b);
        using var aes = Aes.Create();
        aes.Key = key;
        byte[] stream = aes.EncryptEcb(counters, PaddingMode.None);
        for (int i = 0; i < mask.Length; i++) mask[i] = BinaryPrimitives.ReadUInt64LittleEndian(stream.AsSpan(i * 8, 8));
    }
}
