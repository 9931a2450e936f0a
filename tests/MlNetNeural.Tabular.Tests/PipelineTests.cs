using System.Globalization;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Trainers;

namespace MlNetNeural.Tabular.Tests;

/// <summary>The featurization fits, feeds an Mlp, and its outputs have the promised types and sizes.</summary>
public class PipelineTests
{
    // 400 rows: x (numeric, missing every 10th row), level (3 text levels), note (free text), y: yes when x + level effect > 0.
    private static string MixedTable(int rows = 400)
    {
        var random = new Random(7);
        var text = new StringBuilder("x,level,note,y\n");
        string[] levels = ["low", "mid", "high"];
        string[] words = ["late", "paid", "called", "moved", "asked", "sent", "lost", "found"];
        for (int i = 0; i < rows; i++)
        {
            double x = random.NextDouble() * 4 - 2;
            int level = random.Next(3);
            bool y = x + (level - 1) * 1.5 > 0;
            string xText = i % 10 == 0 ? "" : x.ToString("F3", CultureInfo.InvariantCulture);
            string note = $"{words[random.Next(8)]} {words[random.Next(8)]} {words[random.Next(8)]}";
            text.Append($"{xText},{levels[level]},{note},{(y ? "yes" : "no")}\n");
        }
        return text.ToString();
    }

    private static TableInference Infer(string text, string label) =>
        TableInference.Infer(CsvTable.Parse(text), new InferenceOptions { LabelColumnName = label });

    private static int FeatureCount(ITransformer model, IDataView data) =>
        ((VectorDataViewType)model.GetOutputSchema(data.Schema)["Features"].Type).Size;

    [Fact]
    public void BinaryTableWithMissingCategoricalAndTextTrainsAnMlp()
    {
        var ml = new MLContext(seed: 1);
        var inference = Infer(MixedTable(), "y");
        Assert.Equal([ColumnKind.Numeric, ColumnKind.Categorical, ColumnKind.Text], inference.Columns.Select(c => c.Kind));
        var (train, test) = TabularDataset.Create(inference).TrainTestSplit(0.25, seed: 3);

        var model = new TabularFeaturizer(ml, inference)
            .Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { MaxEpochs = 40 }))
            .Fit(train);
        var scored = model.Transform(test);
        Assert.Equal(BooleanDataViewType.Instance, scored.Schema["Label"].Type);
        // Chance is 0.5; the label is a clean function of x and level (x missing in 10% of rows, the text is noise).
        var metrics = ml.BinaryClassification.Evaluate(scored);
        Assert.True(metrics.AreaUnderRocCurve > 0.85, $"AUC {metrics.AreaUnderRocCurve}");
        // "yes" is the positive class: the share of true labels is the share of "yes" rows.
        var labels = scored.GetColumn<bool>("Label").ToArray();
        var raw = test.GetColumn<ReadOnlyMemory<char>>("y").Select(v => v.ToString() == "yes").ToArray();
        Assert.Equal(raw, labels);
    }

    [Fact]
    public void FeaturesAreNumbersThenIndicatorsThenOneHotThenText()
    {
        var ml = new MLContext(seed: 1);
        var inference = Infer(MixedTable(), "y");
        var data = TabularDataset.Create(inference).ToDataView();
        var featurizer = new TabularFeaturizer(ml, inference).Fit(data);
        Assert.Equal(1 + 1 + 3 + 512, FeatureCount(featurizer, data)); // the text in 2 × 2^8 hashed slots
        var text = featurizer.Transform(data).GetColumn<VBuffer<float>>("Features").Take(20)
            .Select(row => row.DenseValues().Skip(5).ToArray()).ToList();
        Assert.All(text, slots => Assert.Equal(1.0, Math.Sqrt(slots.Sum(v => (double)v * v)), 4)); // unit length, as FeaturizeText scales it
        var first = featurizer.Transform(data).GetColumn<VBuffer<float>>("Features").First().DenseValues().ToArray();
        Assert.True(float.IsFinite(first[0]));
        Assert.Equal(1f, first[1]); // row 0 has x missing: replaced, and its indicator is 1
    }

    [Fact]
    public void TextTakesTheSameSlotsWhateverItsVocabulary()
    {
        // 3,000 rows of seven words drawn from 5,000 made-up ones: FeaturizeText gave one slot per word, word pair and
        // character trigram seen (thousands here, about 40,000 on police_deaths); hashing keeps 2 × 2^TextHashingBits.
        var random = new Random(3);
        var text = new StringBuilder("x,note,y\n");
        for (int i = 0; i < 3000; i++)
        {
            string Word() => "w" + random.Next(5000).ToString("x", CultureInfo.InvariantCulture) + (char)('a' + random.Next(26));
            text.Append($"{i % 7},{Word()} {Word()} {Word()} {Word()} {Word()} {Word()} {Word()},{i % 2}\n");
        }
        var ml = new MLContext(seed: 1);
        foreach (int bits in new[] { 6, 8 })
        {
            var inference = TableInference.Infer(CsvTable.Parse(text.ToString()), new InferenceOptions { LabelColumnName = "y", TextHashingBits = bits });
            Assert.Equal(ColumnKind.Text, inference.Columns.Single(c => c.Name == "note").Kind);
            Assert.Contains($"hashed into {2 << bits} slots", inference.Columns.Single(c => c.Name == "note").Reason);
            var data = TabularDataset.Create(inference).ToDataView();
            Assert.Equal(1 + (2 << bits), FeatureCount(new TabularFeaturizer(ml, inference).Fit(data), data));
        }
    }

    [Fact]
    public void IndicatorsOnlyForColumnsWithMissingValuesInTheTrainingRows()
    {
        var ml = new MLContext(seed: 1);
        var inference = Infer(MixedTable(), "y");
        var dataset = TabularDataset.Create(inference);
        var complete = dataset.ToDataView([.. Enumerable.Range(0, dataset.RowCount).Where(i => i % 10 != 0)]);
        var all = dataset.ToDataView();

        int withIndicator = FeatureCount(new TabularFeaturizer(ml, inference).Fit(all), all);
        int without = FeatureCount(new TabularFeaturizer(ml, inference).Fit(complete), complete);
        Assert.Equal(withIndicator - 1, without);
        // Missing values met later (scoring) are still replaced.
        var scored = new TabularFeaturizer(ml, inference).Fit(complete).Transform(all);
        Assert.All(scored.GetColumn<VBuffer<float>>("Features"), v => Assert.All(v.DenseValues(), f => Assert.True(float.IsFinite(f))));
    }

    [Fact]
    public void PenguinsMulticlassKeysFollowTheClassesAndTheMlpLearns()
    {
        var ml = new MLContext(seed: 1);
        var inference = TableInference.Infer(CsvTable.Read(TestFiles.Data("tabular/penguins.csv")), new InferenceOptions { LabelColumnName = "species" });
        var (train, test) = TabularDataset.Create(inference).TrainTestSplit(0.2, seed: 1);
        var model = new TabularFeaturizer(ml, inference)
            .Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options { MaxEpochs = 30 }))
            .Fit(train);
        var scored = model.Transform(test);
        VBuffer<ReadOnlyMemory<char>> keys = default;
        scored.Schema["Label"].GetKeyValues(ref keys);
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], keys.DenseValues().Select(k => k.ToString()));
        Assert.True(ml.MulticlassClassification.Evaluate(scored).MacroAccuracy > 0.9);
    }

    [Fact]
    public void RegressionLabelIsSingleAndTheFittedPipelineSavesAndLoads()
    {
        var ml = new MLContext(seed: 1);
        var inference = TableInference.Infer(CsvTable.Read(TestFiles.Data("la_ozone_1976.csv")), new InferenceOptions { LabelColumnName = "daily_max_ozone" });
        var data = TabularDataset.Create(inference).ToDataView();
        var featurizer = new TabularFeaturizer(ml, inference).Fit(data);
        Assert.Equal(NumberDataViewType.Single, featurizer.GetOutputSchema(data.Schema)["Label"].Type);

        using var stream = new MemoryStream();
        ml.Model.Save(featurizer, data.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext().Model.Load(stream, out _);
        var before = featurizer.Transform(data).GetColumn<VBuffer<float>>("Features").Select(v => v.DenseValues().Sum()).ToArray();
        var after = loaded.Transform(data).GetColumn<VBuffer<float>>("Features").Select(v => v.DenseValues().Sum()).ToArray();
        Assert.Equal(before, after);
    }

    [Fact]
    public void StratifiedSplitKeepsClassProportionsAndIsReproducible()
    {
        var inference = TableInference.Infer(CsvTable.Read(TestFiles.Data("tabular/penguins.csv")), new InferenceOptions { LabelColumnName = "species" });
        var dataset = TabularDataset.Create(inference);
        var (train, test) = dataset.SplitPositions(0.2, seed: 5);
        Assert.Equal(344, train.Length + test.Length);
        Assert.Empty(train.Intersect(test));
        Assert.Equal(Math.Round(152 * 0.2) + Math.Round(68 * 0.2) + Math.Round(124 * 0.2), test.Length);
        Assert.Equal(test, dataset.SplitPositions(0.2, seed: 5).Test);
        Assert.NotEqual(test, dataset.SplitPositions(0.2, seed: 6).Test);
    }

    [Fact]
    public void MissingCategoryEncodesAsAllZeros()
    {
        var ml = new MLContext(seed: 1);
        var inference = Infer("colour,y\nred,a\nblue,b\n,a\nred,b\nblue,a\n", "y");
        var data = TabularDataset.Create(inference).ToDataView();
        var rows = new TabularFeaturizer(ml, inference).Fit(data).Transform(data)
            .GetColumn<VBuffer<float>>("Features").Select(v => v.DenseValues().ToArray()).ToArray();
        Assert.Equal([0f, 1f], rows[0]);   // levels in sorted order: blue, red
        Assert.Equal([1f, 0f], rows[1]);
        Assert.Equal([0f, 0f], rows[2]);   // missing: no level
    }

    [Fact]
    public void DataWithoutTheLabelIsScoredByThePipelineFittedWithIt()
    {
        var ml = new MLContext(seed: 1);
        var inference = Infer(MixedTable(), "y");
        var model = new TabularFeaturizer(ml, inference)
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression())
            .Fit(TabularDataset.Create(inference).ToDataView());
        var unlabelled = CsvTable.Parse("x,level,note\n1.5,high,paid late\n-1.5,low,\n", CsvFormat.Default, "new.csv");

        var dataset = TabularDataset.Create(inference, unlabelled, requireLabel: false);
        Assert.False(dataset.HasLabel);
        var probabilities = model.Transform(dataset.ToDataView()).GetColumn<float>("Probability").ToArray();
        Assert.Equal(2, probabilities.Length);
        Assert.True(probabilities[0] > 0.5 && probabilities[1] < 0.5, string.Join(", ", probabilities));
        Assert.Throws<TabularDataException>(() => TabularDataset.Create(inference, unlabelled));
    }
}
