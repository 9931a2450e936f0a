using MlNetNeural.Core.Randomness;

namespace MlNetNeural.Core.Training;

/// <summary>Splits row indices into training and validation parts, stratified by class when asked.</summary>
internal static class ValidationSplit
{
    /// <summary>
    /// Holds out about <paramref name="fraction"/> of the rows. With <paramref name="stratify"/>, each class
    /// (the first target of a row) gives the same fraction, rounded, and every class keeps at least one training row.
    /// </summary>
    public static (int[] Train, int[] Validation) Split(TrainingData data, float fraction, bool stratify, DeterministicRandom random)
    {
        var train = new List<int>(data.Rows);
        var validation = new List<int>();
        foreach (int[] rows in Groups(data, stratify))
        {
            random.Shuffle(rows);
            int held = Math.Min(rows.Length - 1, (int)Math.Round(rows.Length * (double)fraction));
            validation.AddRange(rows.AsSpan(0, Math.Max(0, held)));
            train.AddRange(rows.AsSpan(Math.Max(0, held)));
        }
        train.Sort();
        validation.Sort();
        return (train.ToArray(), validation.ToArray());
    }

    /// <summary>
    /// Deals the rows into <paramref name="folds"/> folds of nearly equal size: each class's rows (the first target of a row, when
    /// <paramref name="stratify"/>) shuffled, then dealt in turn, continuing from class to class, so every fold holds about
    /// 1/<paramref name="folds"/> of every class. The rarest class is dealt first, so that the first folds (those an ensemble's
    /// members hold out) get its rows when it has fewer rows than there are folds.
    /// </summary>
    /// <returns>The fold (0 to <paramref name="folds"/> − 1) of each row.</returns>
    public static int[] Folds(TrainingData data, int folds, bool stratify, DeterministicRandom random)
    {
        var foldOf = new int[data.Rows];
        int dealt = 0;
        foreach (int[] rows in Groups(data, stratify).OrderBy(rows => rows.Length))
        {
            random.Shuffle(rows);
            foreach (int row in rows) foldOf[row] = dealt++ % folds;
        }
        return foldOf;
    }

    private static IEnumerable<int[]> Groups(TrainingData data, bool stratify) =>
        stratify ? data.RowsByClass() : [Enumerable.Range(0, data.Rows).ToArray()];
}
