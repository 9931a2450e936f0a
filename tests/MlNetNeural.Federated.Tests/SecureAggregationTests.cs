using MlNetNeural.Core.Randomness;
using MlNetNeural.Federated.Privacy;

namespace MlNetNeural.Federated.Tests;

public sealed class SecureAggregationTests
{
    private static readonly string[] Sites = ["a", "b", "c", "d"];

    [Fact]
    public void Each_masked_vector_hides_its_site_while_the_masked_sum_equals_the_plain_sum_bit_for_bit()
    {
        const int length = 4096;
        var encoding = FixedPointEncoding.ModelUpdates;
        var random = new DeterministicRandom(11);
        var updates = Sites.Select(_ => Enumerable.Range(0, length).Select(_ => (double)random.NextGaussian() * 0.01).ToArray()).ToArray();
        var keys = Sites.Select(_ => new MaskingKeyPair()).ToArray();
        var roster = Sites.Zip(keys.Select(k => k.PublicKey)).ToList();
        var plainSum = new ulong[length];
        var maskedSum = new ulong[length];
        for (int s = 0; s < Sites.Length; s++)
        {
            var plain = new ulong[length];
            encoding.Encode(updates[s], plain, Sites.Length, i => $"value {i}");
            var masked = (ulong[])plain.Clone();
            PairwiseMasking.Apply(masked, Sites[s], roster, keys[s], "study|ModelUpdate|1|1");
            FixedPointEncoding.AddInto(plainSum, plain);
            FixedPointEncoding.AddInto(maskedSum, masked);

            // What the coordinator receives from one site decodes to noise the size of the ring, not to the update
            // (|update| < 0.1, decoded masked values are of order 2^31), and its bits are balanced.
            var decoded = encoding.Decode(masked);
            Assert.True(decoded.Count(v => Math.Abs(v) > 1e3) > length * 0.99, $"site {Sites[s]}'s masked vector reveals values near its update");
            double highBits = masked.Count(v => (v >> 63) == 1) / (double)length;
            Assert.InRange(highBits, 0.45, 0.55);
        }
        Assert.Equal(plainSum, maskedSum);
        var sum = encoding.Decode(maskedSum);
        double bound = Sites.Length * Math.ScaleB(1.0, -encoding.FractionBits - 1);
        for (int i = 0; i < length; i++)
        {
            double exact = updates.Sum(u => u[i]);
            Assert.True(Math.Abs(sum[i] - exact) <= bound, $"value {i}: {sum[i]} vs {exact}");
        }
        foreach (var key in keys) key.Dispose();
    }

    [Fact]
    public void Masks_of_a_pair_cancel_only_with_the_same_keys_and_context()
    {
        using var a = new MaskingKeyPair();
        using var b = new MaskingKeyPair();
        using var eavesdropper = new MaskingKeyPair();
        Assert.Equal(a.SharedMaskKey(b.PublicKey, "s|1|1"), b.SharedMaskKey(a.PublicKey, "s|1|1"));
        Assert.NotEqual(a.SharedMaskKey(b.PublicKey, "s|1|1"), a.SharedMaskKey(b.PublicKey, "s|1|2"));
        Assert.NotEqual(a.SharedMaskKey(b.PublicKey, "s|1|1"), eavesdropper.SharedMaskKey(b.PublicKey, "s|1|1"));
    }

    [Fact]
    public void A_value_that_could_wrap_the_ring_is_refused_with_its_name()
    {
        var encoding = FixedPointEncoding.ModelUpdates;
        double tooLarge = encoding.Limit(3) * 1.01;
        var error = Assert.Throws<OverflowException>(() => encoding.Encode([0.5, tooLarge], new ulong[2], 3, i => $"weight {i}"));
        Assert.Contains("weight 1", error.Message);
        Assert.Throws<OverflowException>(() => encoding.Encode([double.NaN], new ulong[1], 3, i => $"weight {i}"));
    }

    [Fact]
    public void Negative_values_round_trip_through_twos_complement()
    {
        var encoding = new FixedPointEncoding(8);
        var encoded = new ulong[3];
        encoding.Encode([-1.5, 0.25, -0.00390625], encoded, 1, i => $"{i}");
        Assert.Equal([-1.5, 0.25, -0.00390625], encoding.Decode(encoded));
    }
}
