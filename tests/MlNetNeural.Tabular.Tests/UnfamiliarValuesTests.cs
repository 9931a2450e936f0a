using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Tabular.Tests;

/// <summary>Values in scored rows that the training rows never had: missing numbers, unseen levels, and what is familiar.</summary>
public class UnfamiliarValuesTests
{
    [Fact]
    public void AMissingNumberAndAnUnseenLevelAreFoundAndAFamiliarMissingLevelIsNot()
    {
        // Training: size never missing; colour missing once (so a missing colour is familiar); shape always present.
        var ml = new MLContext(seed: 1);
        var inference = TableInference.Infer(CsvTable.Parse(
            "size,colour,shape,y\n1,red,round,a\n2,blue,square,b\n3,,round,a\n4,red,square,b\n5,blue,round,a\n6,red,square,b\n"),
            new InferenceOptions { LabelColumnName = "y" });
        var featurizer = new TabularFeaturizer(ml, inference).Fit(TabularDataset.Create(inference).ToDataView());
        var rows = CsvTable.Parse("size,colour,shape\n,red,round\n2,green,round\n3,,square\n4,green,\n5,pink,round\n", CsvFormat.Default, "new.csv");
        var scored = featurizer.Transform(TabularDataset.ForPrediction(inference.Schema, rows).ToDataView());

        var found = UnfamiliarValues.Find(inference.Schema, scored);

        Assert.Equal(["size", "colour", "shape"], found.Select(f => f.Column));
        Assert.Equal([1, 3, 1], found.Select(f => f.Rows));
        Assert.Equal(["green", "pink"], found[1].Examples);   // each level once, in order; the familiar missing colour not at all
        Assert.Equal(["(no value)"], found[2].Examples);      // no shape, where every training row had one
        Assert.Equal("3 rows have a level no training row had ('green', 'pink'): the model reads it as none of its levels", found[1].Description);
        Assert.StartsWith("1 row has no value, and no training row lacked one", found[0].Description);
        Assert.Empty(UnfamiliarValues.Find(inference.Schema, featurizer.Transform(TabularDataset.Create(inference).ToDataView())));
    }

    [Fact]
    public void AllZeroReadsDenseAndSparseVectors()
    {
        var dense = new VBuffer<float>(5, [0f, 0f, 1f, 0f, 0f]);
        var sparse = new VBuffer<float>(5, 2, [1f, 0f], [2, 4]); // slot 2 is 1, slot 4 is stored but 0
        Assert.True(UnfamiliarValues.AllZero(dense, [0, 1]));
        Assert.False(UnfamiliarValues.AllZero(dense, [1, 2]));
        Assert.True(UnfamiliarValues.AllZero(sparse, [0, 1, 3, 4]));
        Assert.False(UnfamiliarValues.AllZero(sparse, [2, 3]));
    }
}
