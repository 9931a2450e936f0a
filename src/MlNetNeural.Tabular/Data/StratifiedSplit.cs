namespace MlNetNeural.Tabular;

/// <summary>Random train/test splits of row positions, stratified by class (each class split in the same proportion) when classes are given.</summary>
public static class StratifiedSplit
{
    /// <summary>Splits positions 0..<c>groups.Count</c>-1 so that about <paramref name="testFraction"/> of each group goes to the test part.</summary>
    /// <param name="groups">One group per row (the class for classification; all equal for a plain random split).</param>
    /// <param name="testFraction">Fraction of each group in the test part, in (0, 1).</param>
    /// <param name="seed">The random seed; the same seed gives the same split.</param>
    /// <returns>Train and test positions, each in ascending order. A group of two or more rows puts at least one row in each part.</returns>
    public static (int[] Train, int[] Test) Split<T>(IReadOnlyList<T> groups, double testFraction, int seed) where T : notnull
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be between 0 and 1 (exclusive), e.g. 0.2.");
        var random = new Random(seed);
        var train = new List<int>();
        var test = new List<int>();
        var byGroup = Enumerable.Range(0, groups.Count).GroupBy(i => groups[i]).OrderBy(g => g.First());
        foreach (var group in byGroup)
        {
            int[] rows = [.. group];
            random.Shuffle(rows);
            int testCount = (int)Math.Round(rows.Length * testFraction);
            if (rows.Length >= 2) testCount = Math.Clamp(testCount, 1, rows.Length - 1);
            test.AddRange(rows.Take(testCount));
            train.AddRange(rows.Skip(testCount));
        }
        return ([.. train.Order()], [.. test.Order()]);
    }

    /// <summary>
    /// Cuts positions 0..<c>groups.Count</c>-1 into <paramref name="folds"/> folds for k-fold cross-validation: each group is
    /// shuffled and dealt round the folds, continuing where the previous group stopped, so fold sizes differ by at most one
    /// row and every fold holds each group's share.
    /// </summary>
    /// <param name="groups">One group per row (the class for classification; all equal for plain folds).</param>
    /// <param name="folds">The number of folds, from 2 to the number of rows.</param>
    /// <param name="seed">The random seed; the same seed gives the same folds.</param>
    /// <returns>The folds, each in ascending order.</returns>
    public static int[][] Folds<T>(IReadOnlyList<T> groups, int folds, int seed) where T : notnull
    {
        if (folds < 2 || folds > groups.Count)
            throw new ArgumentOutOfRangeException(nameof(folds), folds, $"The number of folds must be at least 2 and at most the number of rows ({groups.Count}).");
        var random = new Random(seed);
        var parts = Enumerable.Range(0, folds).Select(_ => new List<int>()).ToArray();
        int next = 0;
        foreach (var group in Enumerable.Range(0, groups.Count).GroupBy(i => groups[i]).OrderBy(g => g.First()))
        {
            int[] rows = [.. group];
            random.Shuffle(rows);
            foreach (int row in rows)
            {
                parts[next].Add(row);
                next = (next + 1) % folds;
            }
        }
        return [.. parts.Select(p => p.Order().ToArray())];
    }
}
