namespace MlNetNeural.Tabular.Tests.Search;

/// <summary>k-fold cuts: every row once, sizes within one row, each class spread evenly, the same seed the same folds.</summary>
public class StratifiedFoldsTests
{
    [Fact]
    public void FoldsPartitionTheRowsEvenlyByClass()
    {
        string[] groups = [.. Enumerable.Range(0, 103).Select(i => i % 4 == 0 ? "rare" : "common")];
        var folds = StratifiedSplit.Folds(groups, 5, seed: 9);
        Assert.Equal(Enumerable.Range(0, 103), folds.SelectMany(f => f).Order());
        Assert.InRange(folds.Max(f => f.Length) - folds.Min(f => f.Length), 0, 1);
        var rare = folds.Select(f => f.Count(i => groups[i] == "rare")).ToArray();
        Assert.InRange(rare.Max() - rare.Min(), 0, 1);
        Assert.Equal(folds, StratifiedSplit.Folds(groups, 5, seed: 9));
        Assert.NotEqual(folds, StratifiedSplit.Folds(groups, 5, seed: 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSplit.Folds(groups, 1, seed: 9));
    }

    [Fact]
    public void SubsetSplitsAndFoldsReturnPositionsOfTheDataset()
    {
        var data = TabularDataset.Create(SearchTables.Infer(SearchTables.Binary(), "y"));
        var (train, test) = data.SplitPositions(0.2, seed: 1);
        var (inner, validation) = data.SplitPositions(train, 0.25, seed: 1);
        Assert.Equal(train, inner.Concat(validation).Order());
        Assert.Empty(validation.Intersect(test));
        var folds = data.FoldPositions(train, 3, seed: 1);
        Assert.Equal(train, folds.SelectMany(f => f).Order());
    }
}
