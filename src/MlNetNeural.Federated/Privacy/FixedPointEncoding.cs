namespace MlNetNeural.Federated.Privacy;

/// <summary>
/// Real numbers as elements of the ring of integers modulo 2⁶⁴, the domain in which pairwise masks cancel exactly:
/// v ↦ round(v · 2^F) as a two's-complement 64-bit integer. Sums of encoded values are exact (wrapping addition is
/// associative and commutative), so the only error of a securely aggregated sum is the rounding of each input, at most
/// 2^−(F+1) per site and value; decoding divides the signed sum by 2^F.
/// </summary>
internal readonly record struct FixedPointEncoding(int FractionBits)
{
    /// <summary>Model updates (weighted weight deltas): resolution 2⁻³², about 2.3e-10, far below float32 rounding of the weights.</summary>
    public static FixedPointEncoding ModelUpdates => new(32);

    /// <summary>Per-feature sums and sums of squares for input scaling: resolution 2⁻²⁰, room for sums up to 2⁴³ / sites.</summary>
    public static FixedPointEncoding FeatureStatistics => new(20);

    /// <summary>The largest magnitude one site may contribute so that the sum of <paramref name="sites"/> contributions cannot wrap around.</summary>
    /// <param name="sites">Contributions in the sum.</param>
    public double Limit(int sites) => Math.ScaleB(1.0, 62 - FractionBits) / Math.Max(1, sites);

    /// <summary>Encodes <paramref name="values"/> into <paramref name="destination"/>, refusing values that could make the sum wrap.</summary>
    /// <param name="values">The real values.</param>
    /// <param name="destination">One ring element per value.</param>
    /// <param name="sites">Contributions the sum will hold (for the range check).</param>
    /// <param name="describe">Names value i for the error message.</param>
    public void Encode(ReadOnlySpan<double> values, Span<ulong> destination, int sites, Func<int, string> describe)
    {
        double limit = Limit(sites), scale = Math.ScaleB(1.0, FractionBits);
        for (int i = 0; i < values.Length; i++)
        {
            double value = values[i];
            if (!double.IsFinite(value) || Math.Abs(value) >= limit)
                throw new OverflowException(
                    $"{describe(i)} is {value}, outside the secure-aggregation range ±{limit:G3} (fixed point with {FractionBits} fraction bits, {sites} sites). " +
                    "Centre and scale the features, or lower the learning rate if the model diverged.");
            destination[i] = unchecked((ulong)(long)Math.Round(value * scale, MidpointRounding.ToEven));
        }
    }

    /// <summary>Decodes a sum of encoded values (two's complement) back to real numbers.</summary>
    /// <param name="sum">The ring sum.</param>
    public double[] Decode(ReadOnlySpan<ulong> sum)
    {
        double inverse = Math.ScaleB(1.0, -FractionBits);
        var values = new double[sum.Length];
        for (int i = 0; i < sum.Length; i++) values[i] = unchecked((long)sum[i]) * inverse;
        return values;
    }

    /// <summary>Adds <paramref name="addend"/> into <paramref name="total"/> modulo 2⁶⁴.</summary>
    /// <param name="total">The running sum.</param>
    /// <param name="addend">One more vector of ring elements.</param>
    public static void AddInto(Span<ulong> total, ReadOnlySpan<ulong> addend)
    {
        if (addend.Length != total.Length)
            throw new ArgumentException($"A vector of {addend.Length} values cannot be added to a sum of {total.Length}.", nameof(addend));
        for (int i = 0; i < total.Length; i++) total[i] = unchecked(total[i] + addend[i]);
    }
}
