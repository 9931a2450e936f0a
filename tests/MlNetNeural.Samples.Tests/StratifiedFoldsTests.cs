using MlNetNeural.Samples;

namespace MlNetNeural.Samples.Tests;

public sealed class StratifiedFoldsTests
{
    [Fact]
    public void Every_fold_gets_its_share_of_each_class_and_every_row_is_held_out_once()
    {
        var labels = Enumerable.Range(0, 103).Select(i => i % 10 < 3).ToArray(); // 31 bad, 72 good
        var rows = Enumerable.Range(0, labels.Length).ToArray();

        var folds = StratifiedFolds.Split(rows, labels, 5, seed: 7).ToArray();

        Assert.Equal(5, folds.Length);
        Assert.Equal(rows, folds.SelectMany(f => f.Test).Order());
        foreach (var (train, test) in folds)
        {
            Assert.Empty(train.Intersect(test));
            Assert.Equal(labels.Length, train.Length + test.Length);
            Assert.InRange(test.Count(i => labels[i]), 6, 7);
            Assert.InRange(test.Count(i => !labels[i]), 14, 15);
        }
    }

    [Fact]
    public void Text_labels_with_three_classes_are_balanced_and_fold_sizes_differ_by_at_most_one()
    {
        string[] labels = [.. Enumerable.Repeat("a", 7), .. Enumerable.Repeat("b", 11), .. Enumerable.Repeat("c", 4)];

        int[] folds = StratifiedFolds.Assign(labels, 3, seed: 2);

        var sizes = Enumerable.Range(0, 3).Select(f => folds.Count(x => x == f)).ToArray();
        Assert.True(sizes.Max() - sizes.Min() <= 1, string.Join(",", sizes));
        foreach (var label in new[] { "a", "b", "c" })
        {
            var perFold = Enumerable.Range(0, 3).Select(f => labels.Where((l, i) => l == label && folds[i] == f).Count()).ToArray();
            Assert.True(perFold.Max() - perFold.Min() <= 1, $"{label}: {string.Join(",", perFold)}");
        }
    }

    [Fact]
    public void Same_seed_same_folds_other_seed_other_folds()
    {
        var labels = Enumerable.Range(0, 50).Select(i => i % 3 == 0).ToArray();

        Assert.Equal(StratifiedFolds.Assign(labels, 5, 1), StratifiedFolds.Assign(labels, 5, 1));
        Assert.NotEqual(StratifiedFolds.Assign(labels, 5, 1), StratifiedFolds.Assign(labels, 5, 2));
    }

    [Fact]
    public void Too_few_rows_of_a_class_for_the_folds_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => StratifiedFolds.Assign([true, true, false, false, false], 3, 1));
        Assert.Contains("3 folds need at least 3 rows of each class; class 'True' (2) has fewer", error.Message);
    }
}
