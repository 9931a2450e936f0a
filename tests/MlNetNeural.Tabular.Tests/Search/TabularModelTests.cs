using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Tabular.Tests.Search;

/// <summary>TabularMlp.Fit's model: saved with its decisions, loaded in a fresh context, scores bit for bit; bad files fail clearly.</summary>
public class TabularModelTests
{
    private static (TabularMlpResult Result, TabularDataset Data, int[] Test) Fit(string text, string label, int trials = 2)
    {
        var inference = SearchTables.Infer(text, label);
        var data = TabularDataset.Create(inference);
        var (train, test) = data.SplitPositions(0.25, seed: 2);
        var result = TabularMlp.Fit(new MLContext(seed: 1), inference, data, train, new MlpSearchOptions { MaxTrials = trials, ValidationFolds = 1 });
        return (result, data, test);
    }

    private static float[] Scores(IDataView scored) => [.. scored.GetColumn<float>("Score")];

    [Fact]
    public void AFinalFitPastItsTimeBudgetStartsNoFurtherMember()
    {
        // A budget of 1 ms is over before any trial can complete (200 epochs) and before the final fit begins: its first network trains to its end, the second is cut at
        // its first epoch, and the result says the budget did it. Without a budget the same fit trains all three.
        var inference = SearchTables.Infer(SearchTables.Regression(), "y");
        var data = TabularDataset.Create(inference);
        var (train, _) = data.SplitPositions(0.25, seed: 2);
        var late = TabularMlp.Fit(new MLContext(seed: 1), inference, data, train,
            new MlpSearchOptions { MaxTrials = 1, ValidationFolds = 1, EnsembleSize = 3, TimeBudget = TimeSpan.FromMilliseconds(1) });
        Assert.Equal((3, 1, true), (late.EnsembleSize, late.EnsembleMembers, late.EnsembleCutByBudget));
        var untimed = TabularMlp.Fit(new MLContext(seed: 1), inference, data, train, new MlpSearchOptions { MaxTrials = 1, ValidationFolds = 1, EnsembleSize = 3 });
        Assert.Equal((3, 3, false), (untimed.EnsembleSize, untimed.EnsembleMembers, untimed.EnsembleCutByBudget));
    }

    [Fact]
    public void TheFinalFitIsAnEnsembleOfTheChosenCandidateAndTheSearchDoesNotDependOnIt()
    {
        var inference = SearchTables.Infer(SearchTables.Regression(), "y");
        var data = TabularDataset.Create(inference);
        var (train, _) = data.SplitPositions(0.25, seed: 2);
        TabularMlpResult Fit(int size, List<MlpSearchProgress> progress) => TabularMlp.Fit(new MLContext(seed: 1), inference, data, train,
            new MlpSearchOptions { MaxTrials = 2, ValidationFolds = 1, EnsembleSize = size, Progress = progress.Add });
        List<MlpSearchProgress> threeProgress = [], oneProgress = [];
        var three = Fit(3, threeProgress);
        var one = Fit(1, oneProgress);
        Assert.Equal((3, 3), (three.EnsembleSize, three.EnsembleMembers));
        Assert.Equal((1, 1), (one.EnsembleSize, one.EnsembleMembers));
        Assert.Equal(3, ((Transformers.MlpPredictionTransformer)((TransformerChain<ITransformer>)three.Model.Pipeline).LastTransformer).Model.EnsembleMembers);
        Assert.Equal(one.Search.Trials.Select(t => (t.Candidate.ToString(), t.Metric)), three.Search.Trials.Select(t => (t.Candidate.ToString(), t.Metric)));
        // The final fit's progress counts the epochs of every member (under 1,000 rows there is no early stopping).
        Assert.Equal(3 * one.Chosen.Epochs, threeProgress.Last().EpochsDone);
        Assert.Equal(3 * one.Chosen.Epochs, threeProgress.Last().EpochsTotal);
    }

    [Fact]
    public void SavedModelLoadsInAFreshContextAndScoresBitForBit()
    {
        var (result, data, test) = Fit(SearchTables.Binary(), "y");
        using var files = new TestFiles();
        string path = Path.Combine(files.Folder, "model.zip");
        result.Model.Save(new MLContext(), path);

        var loaded = TabularModel.Load(new MLContext(), path);
        Assert.Equal(TabularTask.BinaryClassification, loaded.Task);
        Assert.Equal(result.Model.Decisions.ToJson(), loaded.Decisions.ToJson());
        var rows = data.ToDataView(test);
        Assert.Equal(Scores(result.Model.Pipeline.Transform(rows)), Scores(loaded.Pipeline.Transform(rows)));
        // The file is an ordinary ML.NET model: Model.Load reads it without the decisions.
        var plain = new MLContext().RegisterMlNetNeural().Model.Load(path, out _);
        Assert.Equal(Scores(result.Model.Pipeline.Transform(rows)), Scores(plain.Transform(rows)));
    }

    [Fact]
    public void TheScoringPipelineNeedsNoLabelAndEndsWithTheMlp()
    {
        var (result, _, _) = Fit(SearchTables.Regression(), "y");
        var table = CsvTable.Parse("x1,x2,kind\n0.5,0.25,a\n0.1,,b\n");
        var scored = result.Model.Pipeline.Transform(result.Model.ReadForPrediction(table).ToDataView());
        Assert.Equal(2, Scores(scored).Length);
        Assert.All(Scores(scored), s => Assert.True(float.IsFinite(s)));
        Assert.IsAssignableFrom<Transformers.MlpPredictionTransformer>(((TransformerChain<ITransformer>)result.Model.Pipeline).LastTransformer);
    }

    [Fact]
    public void PredictionReadsEveryRowAndIgnoresTheLabel()
    {
        var (result, _, _) = Fit(SearchTables.Binary(), "y");
        // A label that is missing, and one that is no known class: both rows are scored all the same.
        var table = CsvTable.Parse("x1,x2,color,y\n0.5,0.25,red,\n0.1,0.3,blue,maybe\n");
        var data = result.Model.ReadForPrediction(table);
        Assert.Equal(2, data.RowCount);
        Assert.Throws<TabularDataException>(() => result.Model.Read(table, requireLabel: true));
    }

    [Fact]
    public void ScoreWithLabelGivesWhatTheEvaluatorNeeds()
    {
        var (result, data, test) = Fit(SearchTables.Binary(), "y");
        var ml = new MLContext();
        double auc = TabularMetric.Auc.Evaluate(ml, result.Model.ScoreWithLabel(ml, data.ToDataView(test)));
        Assert.InRange(auc, 0.8, 1.0); // the label is a smooth function of x1, x2 and color plus a little noise
    }

    [Fact]
    public void AZipWithoutDecisionsIsRefusedWithAMessageSayingHowToLoadIt()
    {
        var (result, _, _) = Fit(SearchTables.Binary(), "y", trials: 1);
        using var files = new TestFiles();
        string path = Path.Combine(files.Folder, "plain.zip");
        var ml = new MLContext();
        ml.Model.Save(result.Model.Pipeline, result.Model.InputSchema, path);
        var error = Assert.Throws<InvalidDataException>(() => TabularModel.Load(ml, path));
        Assert.Contains("no column decisions", error.Message);
        Assert.Contains("ml.Model.Load", error.Message);

        string notZip = files.Write("notes.zip", "not a zip");
        Assert.Contains("is not a model file", Assert.Throws<InvalidDataException>(() => TabularModel.Load(ml, notZip)).Message);
        string missing = Path.Combine(files.Folder, "nope.zip");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => TabularModel.Load(ml, missing)).Message);
    }

    [Fact]
    public void DamagedDecisionsFailFastNamingTheFile()
    {
        var (result, _, _) = Fit(SearchTables.Binary(), "y", trials: 1);
        using var files = new TestFiles();
        string path = Path.Combine(files.Folder, "model.zip");
        result.Model.Save(new MLContext(), path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry(TabularModel.SchemaEntryName)!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(TabularModel.SchemaEntryName).Open());
            writer.Write("{\"format\": 1, \"label\": {\"name\": \"y\", \"task\": \"Sideways\"}}");
        }
        var error = Assert.Throws<InvalidDataException>(() => TabularModel.Load(new MLContext(), path));
        Assert.StartsWith(path, error.Message);
        Assert.Contains("cannot be read", error.Message);
    }
}
