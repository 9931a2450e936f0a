using MlNetNeural.Core.Randomness;

namespace MlNetNeural.Federated.Simulation;

/// <summary>Splits rows into simulated sites: by the value of a column (each hospital its own rows), or non-IID by label skew (each site its own case mix).</summary>
public static class SiteSplits
{
    /// <summary>One list of rows per distinct key, in order of first appearance.</summary>
    /// <typeparam name="TRow">The row type.</typeparam>
    /// <param name="rows">All rows.</param>
    /// <param name="site">The site a row belongs to (for example its hospital column).</param>
    public static IReadOnlyList<KeyValuePair<string, IReadOnlyList<TRow>>> ByColumn<TRow>(IEnumerable<TRow> rows, Func<TRow, string> site)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(site);
        return rows.GroupBy(site).Select(g => new KeyValuePair<string, IReadOnlyList<TRow>>(g.Key, g.ToList())).ToList();
    }

    /// <summary>
    /// Deals the rows to sites with the given shares of all positive and of all negative rows, so that each site has its
    /// own case mix (label skew, as between a screening clinic and a referral centre). Shuffled from <paramref name="seed"/>.
    /// </summary>
    /// <typeparam name="TRow">The row type.</typeparam>
    /// <param name="rows">All rows.</param>
    /// <param name="isPositive">The row's class.</param>
    /// <param name="positiveShares">Fraction of the positive rows each site gets; they sum to 1.</param>
    /// <param name="negativeShares">Fraction of the negative rows each site gets; they sum to 1.</param>
    /// <param name="seed">Shuffling seed.</param>
    public static IReadOnlyList<IReadOnlyList<TRow>> ByLabelSkew<TRow>(IReadOnlyList<TRow> rows, Func<TRow, bool> isPositive,
        IReadOnlyList<double> positiveShares, IReadOnlyList<double> negativeShares, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(isPositive);
        if (positiveShares.Count != negativeShares.Count || positiveShares.Count == 0)
            throw new ArgumentException("Give one positive and one negative share per site.", nameof(negativeShares));
        var sites = Enumerable.Range(0, positiveShares.Count).Select(_ => new List<TRow>()).ToArray();
        var random = DeterministicRandom.ForStream(seed, 1);
        foreach (var (shares, positive) in new[] { (positiveShares, true), (negativeShares, false) })
        {
            if (shares.Any(s => !(s >= 0)) || Math.Abs(shares.Sum() - 1) > 1e-9)
                throw new ArgumentException($"The {(positive ? "positive" : "negative")} shares must be 0 or more and sum to 1; they sum to {shares.Sum()}.", nameof(positiveShares));
            var indices = Enumerable.Range(0, rows.Count).Where(i => isPositive(rows[i]) == positive).ToArray();
            random.Shuffle(indices);
            int start = 0;
            for (int s = 0; s < shares.Count; s++)
            {
                int end = s == shares.Count - 1 ? indices.Length : start + (int)Math.Round(shares[s] * indices.Length);
                for (int k = start; k < Math.Min(end, indices.Length); k++) sites[s].Add(rows[indices[k]]);
                start = Math.Min(end, indices.Length);
            }
        }
        return sites;
    }
}
