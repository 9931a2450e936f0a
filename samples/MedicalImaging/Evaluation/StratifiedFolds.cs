using MlNetNeural.Core.Randomness;

namespace MedicalImaging.Evaluation;

/// <summary>Stratified k-fold partitions: each fold gets the same share of each class, rows shuffled by a seed.</summary>
public static class StratifiedFolds
{
    /// <summary>Fold number (0 .. <paramref name="folds"/> - 1) of each of <paramref name="rows"/> (indices into <paramref name="labels"/>), balanced per class.</summary>
    public static int[] Assign<TLabel>(IReadOnlyList<int> rows, IReadOnlyList<TLabel> labels, int folds, int seed) where TLabel : notnull
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var assignment = new int[rows.Count];
        var random = new DeterministicRandom((ulong)seed);
        int offset = 0;
        foreach (var label in rows.Select(row => labels[row]).Distinct().OrderBy(label => label))
        {
            int[] positions = Enumerable.Range(0, rows.Count).Where(p => EqualityComparer<TLabel>.Default.Equals(labels[rows[p]], label)).ToArray();
            if (positions.Length < folds)
                throw new InvalidOperationException($"Only {positions.Length} cases of class '{label}' for {folds} folds; add cases or use fewer folds.");
            random.Shuffle(positions);
            for (int i = 0; i < positions.Length; i++) assignment[positions[i]] = (offset + i) % folds;
            offset += positions.Length;
        }
        return assignment;
    }

    /// <summary>The (training rows, held-out rows) pair of each fold.</summary>
    public static IEnumerable<(int[] Train, int[] Test)> Split<TLabel>(IReadOnlyList<int> rows, IReadOnlyList<TLabel> labels, int folds, int seed)
        where TLabel : notnull
    {
        int[] assignment = Assign(rows, labels, folds, seed);
        for (int fold = 0; fold < folds; fold++)
        {
            yield return (rows.Where((_, p) => assignment[p] != fold).ToArray(), rows.Where((_, p) => assignment[p] == fold).ToArray());
        }
    }
}
