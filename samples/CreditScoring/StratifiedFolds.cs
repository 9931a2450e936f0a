namespace CreditScoring;

/// <summary>Splits rows into k folds with (nearly) the same share of bad loans in each.</summary>
public static class StratifiedFolds
{
    /// <summary>
    /// The fold (0..k-1) of each row: rows of each class are shuffled with <paramref name="seed"/> and dealt
    /// round-robin, so fold sizes differ by at most one per class.
    /// </summary>
    public static int[] Assign(IReadOnlyList<bool> labels, int foldCount, int seed)
    {
        if (foldCount < 2)
            throw new ArgumentOutOfRangeException(nameof(foldCount), foldCount, "Cross-validation needs at least 2 folds.");
        int positives = labels.Count(label => label);
        if (Math.Min(positives, labels.Count - positives) < foldCount)
            throw new ArgumentException($"{foldCount} folds need at least {foldCount} rows of each class; there are {positives} bad and {labels.Count - positives} good rows.", nameof(labels));

        var random = new Random(seed);
        var folds = new int[labels.Count];
        foreach (var classValue in new[] { true, false })
        {
            var rows = Enumerable.Range(0, labels.Count).Where(i => labels[i] == classValue).ToArray();
            random.Shuffle(rows);
            for (int i = 0; i < rows.Length; i++) folds[rows[i]] = i % foldCount;
        }
        return folds;
    }

    /// <summary>The (training, held-out) rows of each fold.</summary>
    public static IEnumerable<(List<T> Train, List<T> Test)> Split<T>(IReadOnlyList<T> rows, IReadOnlyList<bool> labels, int foldCount, int seed)
    {
        var folds = Assign(labels, foldCount, seed);
        for (int fold = 0; fold < foldCount; fold++)
        {
            var train = new List<T>();
            var test = new List<T>();
            for (int i = 0; i < rows.Count; i++) (folds[i] == fold ? test : train).Add(rows[i]);
            yield return (train, test);
        }
    }
}
