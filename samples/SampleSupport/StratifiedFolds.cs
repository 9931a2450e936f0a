namespace MlNetNeural.Samples;

/// <summary>
/// Stratified k-fold partitions, the one implementation both samples use. ML.NET's own
/// <c>CrossValidate</c>/<c>CrossValidationSplit</c> only group rows by a sampling-key column and do not keep the class
/// balance per fold, which matters on a few hundred rows with 30-40 % positives.
/// </summary>
public static class StratifiedFolds
{
    /// <summary>
    /// The fold (0 .. <paramref name="folds"/> - 1) of each row, given each row's label. The rows of each class are
    /// shuffled with <paramref name="seed"/> and dealt round-robin, classes one after another (rarest first, ties in
    /// order of first appearance), each class continuing where the previous one stopped. So each fold gets its share
    /// of every class, and fold sizes differ by at most one per class and at most one overall.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is below 2.</exception>
    /// <exception cref="ArgumentException">A class has fewer rows than there are folds.</exception>
    public static int[] Assign<TLabel>(IReadOnlyList<TLabel> labels, int folds, int seed) where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (folds < 2)
            throw new ArgumentOutOfRangeException(nameof(folds), folds, "Cross-validation needs at least 2 folds.");
        var classes = Enumerable.Range(0, labels.Count).GroupBy(row => labels[row])
            .OrderBy(rows => rows.Count()).ThenBy(rows => rows.First())
            .Select(rows => (Label: rows.Key, Rows: rows.ToArray()))
            .ToList();
        var tooSmall = classes.Where(c => c.Rows.Length < folds).Select(c => $"'{c.Label}' ({c.Rows.Length})").ToList();
        if (tooSmall.Count > 0)
            throw new ArgumentException(
                $"{folds} folds need at least {folds} rows of each class; class {string.Join(", ", tooSmall)} has fewer. " +
                $"Rows per class: {string.Join(", ", classes.Select(c => $"'{c.Label}' {c.Rows.Length}"))}. Add rows or use fewer folds.",
                nameof(labels));

        var random = new Random(seed);
        var assignment = new int[labels.Count];
        int next = 0;
        foreach (var (_, rows) in classes)
        {
            random.Shuffle(rows);
            foreach (int row in rows) assignment[row] = next++ % folds;
        }
        return assignment;
    }

    /// <summary>The (training, held-out) rows of each fold, in fold order; <paramref name="labels"/>[i] is the label of <paramref name="rows"/>[i].</summary>
    /// <exception cref="ArgumentException">The lists differ in length, or a class has fewer rows than there are folds.</exception>
    public static IEnumerable<(T[] Train, T[] Test)> Split<T, TLabel>(IReadOnlyList<T> rows, IReadOnlyList<TLabel> labels, int folds, int seed)
        where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count != (labels ?? throw new ArgumentNullException(nameof(labels))).Count)
            throw new ArgumentException($"{rows.Count} rows but {labels.Count} labels; give one label per row.", nameof(labels));
        int[] assignment = Assign(labels, folds, seed);
        return Enumerable.Range(0, folds).Select(fold => (
            rows.Where((_, i) => assignment[i] != fold).ToArray(),
            rows.Where((_, i) => assignment[i] == fold).ToArray()));
    }
}
