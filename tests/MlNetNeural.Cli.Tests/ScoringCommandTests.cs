using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MlNetNeural.Tabular;
using MlNetNeural.Tabular.Tests;

namespace MlNetNeural.Cli.Tests;

/// <summary>predict, evaluate and export-onnx on the models train wrote.</summary>
public class ScoringCommandTests(TrainedModels models) : IClassFixture<TrainedModels>
{
    [Fact]
    public void PredictWritesEveryRowWithTheClassProbabilityAndScore()
    {
        string output = models.File("binary-predictions.csv");
        var run = CliRun.Of("predict", "--model", Path.Combine(models.BinaryDir, "model.zip"), "--data", models.BinaryData, "--out", output);
        Assert.True(run.ExitCode == 0, run.ToString());
        var input = CsvTable.Read(models.BinaryData);
        var written = CsvTable.Read(output);
        Assert.Equal(input.RowCount, written.RowCount);
        Assert.Equal([.. input.Columns.Select(c => c.Name), "PredictedLabel", "Probability", "Score"], written.Columns.Select(c => c.Name));
        Assert.Equal(input.Get("plan").Values, written.Get("plan").Values);          // quoted text with a comma survives
        Assert.Equal(input.Get("bill length (mm)").Values, written.Get("bill length (mm)").Values); // missing stays empty
        Assert.All(written.Get("PredictedLabel").Values, v => Assert.Contains(v, new[] { "yes", "no" }));
        var probabilities = written.Get("Probability").Values.Select(v => float.Parse(v!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.All(probabilities, p => Assert.InRange(p, 0f, 1f));
        Assert.Equal(written.Get("PredictedLabel").Values.Select(v => v == "yes"), probabilities.Select(p => p > 0.5f));
        // Most rows are predicted right (the label is a clean function of the columns plus a little noise).
        double agreement = input.Get("outcome").Values.Zip(written.Get("PredictedLabel").Values).Count(p => p.First == p.Second) / (double)input.RowCount;
        Assert.True(agreement > 0.8, $"agreement {agreement}");
    }

    [Fact]
    public void PredictReadsItsRowsFromAPipe()
    {
        // head -51 binary.csv | mlnn predict --data /dev/stdin ...: before, the pipe was read to its end to find the encoding,
        // and then it was "empty".
        if (!OperatingSystem.IsLinux()) return;
        using var pipe = new TextPipe(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", File.ReadLines(models.BinaryData).Take(51)) + "\n"));
        string output = models.File("piped-predictions.csv");
        var run = CliRun.Of("predict", "--model", Path.Combine(models.BinaryDir, "model.zip"), "--data", pipe.Path, "--out", output);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Wrote {output}: 50 rows of {pipe.Path}", run.Output);
        Assert.Equal(CsvTable.Read(models.BinaryData).Get("id").Values.Take(50), CsvTable.Read(output).Get("id").Values);
    }

    [Fact]
    public void PredictKeepsTheFilesFormatAndNeedsNoLabel()
    {
        // The regression file is ';'-separated with decimal commas: the output is too. The label column is left out.
        string withoutLabel = models.File("houses-unlabelled.csv");
        File.WriteAllLines(withoutLabel, File.ReadAllLines(models.RegressionTest).Select(line => line[..line.LastIndexOf(';')]));
        string output = models.File("houses-predictions.csv");
        var run = CliRun.Of("predict", "--model", Path.Combine(models.RegressionDir, "model.zip"), "--data", withoutLabel, "--out", output);
        Assert.True(run.ExitCode == 0, run.ToString());
        string[] lines = File.ReadAllLines(output);
        Assert.Equal("size;rooms;area;listed;Score", lines[0]);
        Assert.Equal(41, lines.Length);
        Assert.Contains(',', lines[1].Split(';')[^1]);
    }

    [Fact]
    public void PredictReadsAWindows1252FileAndWritesItsPredictionsInTheSameEncoding()
    {
        // Excel on Windows saves "CSV" in Windows-1252: 'ä' is the one byte 0xE4, which alone is never valid UTF-8.
        string text = File.ReadAllText(models.BinaryData).Replace("\"plus, yearly\"", "\"plus, jährlich\"");
        string input = models.File("binary-windows1252.csv");
        File.WriteAllBytes(input, MlNetNeural.Tabular.CsvEncoding.Windows1252.GetBytes(text));
        string output = models.File("binary-windows1252-predictions.csv");
        var run = CliRun.Of("predict", "--model", Path.Combine(models.BinaryDir, "model.zip"), "--data", input, "--out", output);
        Assert.True(run.ExitCode == 0, run.ToString());
        byte[] written = File.ReadAllBytes(output);
        Assert.Contains((byte)0xE4, written);
        Assert.Contains("\"plus, jährlich\"", MlNetNeural.Tabular.CsvEncoding.Windows1252.GetString(written));
    }

    [Fact]
    public void PredictOnAFileWithoutOneOfTheModelsColumnsNamesItAndWritesNothing()
    {
        string withoutRooms = models.File("houses-without-rooms.csv");
        File.WriteAllLines(withoutRooms, File.ReadAllLines(models.RegressionTest).Select(line => string.Join(';', line.Split(';').Where((_, i) => i != 1))));
        string output = models.File("houses-without-rooms-predictions.csv");
        var run = CliRun.Of("predict", "--model", Path.Combine(models.RegressionDir, "model.zip"), "--data", withoutRooms, "--out", output);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("houses-without-rooms.csv: the feature column 'rooms' is not in the table. The columns are: size, area, listed, price.", run.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void PredictAndEvaluateNameTheValuesNoTrainingRowHad()
    {
        // The houses model was trained without missing values and with the areas "centre" and "suburb". Rows 1 and 2 get
        // an area it never saw, row 3 no size; the other rows are as the model knows them.
        string[] lines = File.ReadAllLines(models.RegressionTest);
        string[] Field(int row) => lines[row].Split(';');
        string With(int row, int field, string value) { var f = Field(row); f[field] = value; return string.Join(';', f); }
        string unfamiliar = models.File("houses-unfamiliar.csv");
        File.WriteAllLines(unfamiliar, [lines[0], With(1, 2, "harbour"), With(2, 2, "harbour"), With(3, 0, ""), .. lines[4..]]);
        var predict = CliRun.Of("predict", "--model", Path.Combine(models.RegressionDir, "model.zip"), "--data", unfamiliar, "--out", models.File("houses-unfamiliar-predictions.csv"));
        Assert.True(predict.ExitCode == 0, predict.ToString());
        Assert.Contains("NOTE size: 1 row has no value, and no training row lacked one: the model reads the training rows' mean there.", predict.Output);
        Assert.Contains("NOTE area: 2 rows have a level no training row had ('harbour'): the model reads it as none of its levels.", predict.Output);
        Assert.DoesNotContain("NOTE rooms", predict.Output);
        string report = models.File("houses-unfamiliar.html");
        var evaluate = CliRun.Of("evaluate", "--model", Path.Combine(models.RegressionDir, "model.zip"), "--data", unfamiliar, "--report", report);
        Assert.Contains("NOTE area: 2 rows have a level no training row had", evaluate.Output);
        Assert.Contains("Unfamiliar values in area", File.ReadAllText(report));
        // The rows it was tested on: nothing to say.
        var familiar = CliRun.Of("evaluate", "--model", Path.Combine(models.RegressionDir, "model.zip"), "--data", models.RegressionTest);
        Assert.DoesNotContain("NOTE", familiar.Output);
    }

    [Fact]
    public void PredictAddsOneProbabilityColumnPerClass()
    {
        string output = models.File("penguin-predictions.csv");
        var run = CliRun.Of("predict", "--model", Path.Combine(models.MulticlassDir, "model.zip"), "--data", TestFolder.Data("tabular/penguins.csv"), "--out", output);
        Assert.True(run.ExitCode == 0, run.ToString());
        var written = CsvTable.Read(output);
        Assert.Equal(["PredictedLabel", "Score.Adelie", "Score.Chinstrap", "Score.Gentoo"], written.Columns.TakeLast(4).Select(c => c.Name));
        for (int row = 0; row < written.RowCount; row++)
        {
            var scores = new[] { "Adelie", "Chinstrap", "Gentoo" }.Select(c => double.Parse(written.Get($"Score.{c}")[row]!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(1, scores.Sum(), 4);
            Assert.Equal(new[] { "Adelie", "Chinstrap", "Gentoo" }[Array.IndexOf(scores, scores.Max())], written.Get("PredictedLabel")[row]);
        }
    }

    [Fact]
    public void PredictRefusesAModelWhoseClassesWereEditedAndWritesNothing()
    {
        // Two of the three classes left in the decisions: before, predict wrote a header of 3 columns more and rows of 4.
        string model = models.File("penguins-edited.zip");
        File.Copy(Path.Combine(models.MulticlassDir, "model.zip"), model, overwrite: true);
        using (var zip = ZipFile.Open(model, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(TabularModel.SchemaEntryName)!;
            string json;
            using (var reader = new StreamReader(entry.Open())) json = reader.ReadToEnd();
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(TabularModel.SchemaEntryName).Open());
            writer.Write(json.Replace("\"Adelie\",", ""));
        }
        string output = models.File("edited-predictions.csv");
        var run = CliRun.Of("predict", "--model", model, "--data", TestFolder.Data("tabular/penguins.csv"), "--out", output);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith($"mlnn: {model}: the column decisions ({TabularModel.SchemaEntryName}) contradict the saved pipeline: " +
            "they list 2 classes for the label 'species', but the pipeline scores 3.", run.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void EvaluatePrintsTheMetricsAndWritesAReport()
    {
        string report = models.File("evaluation.html");
        var run = CliRun.Of("evaluate", "--model", Path.Combine(models.RegressionDir, "model.zip"), "--data", models.RegressionTest, "--report", report);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(models.RegressionDir, "metrics.json")));
        Assert.Contains("40 rows with a label 'price'", run.Output);
        Assert.Contains($"│ RMSE   │ {Display.TrialText.Significant(json.RootElement.GetProperty("mlp").GetDouble())}", run.Output);
        Assert.Contains("data-metric=\"rmse\"", File.ReadAllText(report));
    }

    [Fact]
    public void FeaturesNamedLikeThePipelinesColumnsTrainPredictAndEvaluate()
    {
        // "Label", "Score" and "Features" are also the names of columns the pipeline adds; the file's own columns of those
        // names are features like any other (until 2026-12-02 train, predict and evaluate failed on them).
        var random = new Random(6);
        var text = new System.Text.StringBuilder("a,Label,Score,Features,y\n");
        for (int i = 0; i < 160; i++)
        {
            double a = random.NextDouble() * 2 - 1, score = random.NextDouble();
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{a:F3},{"pqr"[i % 3]},{score:F3},{random.NextDouble():F3},{(a + score > 0.5 ? "yes" : "no")}\n");
        }
        string data = models.File("named.csv"), dir = models.File("named"), predictions = models.File("named-predictions.csv");
        File.WriteAllText(data, text.ToString());
        var train = CliRun.Of("train", "--data", data, "--label", "y", "--trials", "1", "--ensemble", "1", "--out", dir);
        Assert.True(train.ExitCode == 0, train.ToString());
        var predict = CliRun.Of("predict", "--model", Path.Combine(dir, "model.zip"), "--data", data, "--out", predictions);
        Assert.True(predict.ExitCode == 0, predict.ToString());
        Assert.Contains("with PredictedLabel, Probability, Score_2.", predict.Output);
        Assert.Equal("a,Label,Score,Features,y,PredictedLabel,Probability,Score_2", File.ReadLines(predictions).First());
        var evaluate = CliRun.Of("evaluate", "--model", Path.Combine(dir, "model.zip"), "--data", data);
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        Assert.Contains("│ AUC ", evaluate.Output);

        // A regression model adds no PredictedLabel: a feature of that name must not be taken for the scorer's when it loads.
        var regression = new System.Text.StringBuilder("a,PredictedLabel,y\n");
        for (int i = 0; i < 120; i++)
        {
            double a = random.NextDouble(), b = random.NextDouble();
            regression.Append(System.Globalization.CultureInfo.InvariantCulture, $"{a:F3},{b:F3},{3 * a + b:F3}\n");
        }
        string regressionData = models.File("named-regression.csv"), regressionDir = models.File("named-regression");
        File.WriteAllText(regressionData, regression.ToString());
        Assert.Equal(0, CliRun.Of("train", "--data", regressionData, "--label", "y", "--trials", "1", "--ensemble", "1", "--out", regressionDir).ExitCode);
        var regressionPredict = CliRun.Of("predict", "--model", Path.Combine(regressionDir, "model.zip"), "--data", regressionData, "--out", models.File("named-regression-predictions.csv"));
        Assert.True(regressionPredict.ExitCode == 0, regressionPredict.ToString());
    }

    [Fact]
    public void EvaluateSaysWhichRowsItLeftOutForWantOfALabel()
    {
        string[] lines = File.ReadAllLines(models.BinaryData);
        string path = models.File("some-unlabelled.csv");
        // Lines 3 and 6 lose their label (the last field): one empty, one NA.
        lines[2] = lines[2][..(lines[2].LastIndexOf(',') + 1)];
        lines[5] = lines[5][..(lines[5].LastIndexOf(',') + 1)] + "NA";
        File.WriteAllLines(path, lines);
        var run = CliRun.Of("evaluate", "--model", Path.Combine(models.BinaryDir, "model.zip"), "--data", path);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"{path}: {lines.Length - 3:N0} rows with a label 'outcome' (2 rows without one left out, the first on line 3).", run.Output);
    }

    [Fact]
    public void EvaluateCallsAMetricTheRowsCannotDefineUndefined()
    {
        // One species only: the log-loss reduction compares with the classes' prior, whose log-loss is 0 here (it printed Infinity).
        string[] lines = File.ReadAllLines(TestFolder.Data("tabular/penguins.csv"));
        string path = models.File("adelie.csv");
        File.WriteAllLines(path, [lines[0], .. lines.Skip(1).Where(l => l.StartsWith("\"Adelie\"", StringComparison.Ordinal)).Take(20)]);
        var run = CliRun.Of("evaluate", "--model", Path.Combine(models.MulticlassDir, "model.zip"), "--data", path);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"│ log-loss reduction │ undefined +│", run.Output);
        Assert.DoesNotContain("Infinity", run.Output);
    }

    [Fact]
    public void EvaluateOnRowsOfOneClassShowsTheAccuracyAndWritesNoReport()
    {
        // Only "yes" rows: AUC and the other binary metrics are undefined (ML.NET's evaluator throws); the accuracy is the
        // share of them predicted "yes".
        string[] lines = File.ReadAllLines(models.BinaryData);
        string onlyYes = models.File("only-yes.csv"), report = models.File("only-yes.html");
        File.WriteAllLines(onlyYes, [lines[0], .. lines.Skip(1).Where(l => l.EndsWith(",yes", StringComparison.Ordinal))]);
        var run = CliRun.Of("evaluate", "--model", Path.Combine(models.BinaryDir, "model.zip"), "--data", onlyYes);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("│ accuracy │", run.Output);
        Assert.DoesNotContain("AUC  ", run.Output);
        Assert.Contains("NOTE every labelled row is of the class 'yes'", run.Output);
        var withReport = CliRun.Of("evaluate", "--model", Path.Combine(models.BinaryDir, "model.zip"), "--data", onlyYes, "--report", report);
        Assert.Equal(1, withReport.ExitCode);
        Assert.Contains("No report written", withReport.Error);
        Assert.False(File.Exists(report));
    }

    [Fact]
    public void ExportOnnxWritesTheWholePipelineAndTheGraphScoresTheRawColumnsLikeTheModel()
    {
        // The binary model's pipeline has every featurization step a train run makes for such a table: an identifier
        // left out, missing numbers (indicator + mean), one-hot text with a quoted comma. The graph reads the raw columns.
        string modelPath = Path.Combine(models.BinaryDir, "model.zip");
        string onnx = models.File("binary.onnx");
        var run = CliRun.Of("export-onnx", "--model", modelPath, "--out", onnx);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Wrote {onnx}.", run.Output);

        var ml = new MLContext(seed: 1);
        var model = TabularModel.Load(ml, modelPath);
        var data = model.ReadForPrediction(CsvTable.Read(models.BinaryData)).ToDataView();
        float[] expected = model.Pipeline.Transform(data).GetColumn<float>("Probability").ToArray();
        using var session = new InferenceSession(onnx);
        Assert.Equal(["age", "bill length (mm)", "plan"], session.InputMetadata.Keys.Order());
        using var results = session.Run(session.InputMetadata.Keys.Select(name => RawColumn(data, name)).ToList());
        float[] actual = results.Single(r => r.Name == "Probability").AsTensor<float>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int row = 0; row < expected.Length; row++) Assert.Equal(expected[row], actual[row], 1e-5f);
    }

    [Fact]
    public void ExportOnnxOfAModelWithFreeTextNamesTheColumnAndHowToTrainOneWithoutIt()
    {
        var random = new Random(8);
        var text = new System.Text.StringBuilder("a,note,y\n");
        for (int i = 0; i < 120; i++)
        {
            double a = random.NextDouble();
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{a:F3},\"visit {i} went {(a > 0.5 ? "well" : "badly")} today at the clinic\",{(a > 0.5 ? "yes" : "no")}\n"); // 8 words: shorter text most rows hold alone is ignored as an identifier
        }
        string data = models.File("notes.csv"), onnx = models.File("notes.onnx");
        File.WriteAllText(data, text.ToString());
        Assert.Equal(0, CliRun.Of("train", "--data", data, "--label", "y", "--trials", "1", "--ensemble", "1", "--out", models.File("notes")).ExitCode);
        var refused = CliRun.Of("export-onnx", "--model", Path.Combine(models.File("notes"), "model.zip"), "--out", onnx);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("In this model that is 'note' (free text): train again with --column \"note:ignore\" to export the model that leaves it out.", refused.Error);
        Assert.False(File.Exists(onnx));
        Assert.Equal(0, CliRun.Of("train", "--data", data, "--label", "y", "--trials", "1", "--ensemble", "1", "--column", "note:ignore", "--out", models.File("notes2")).ExitCode);
        var exported = CliRun.Of("export-onnx", "--model", Path.Combine(models.File("notes2"), "model.zip"), "--out", onnx);
        Assert.True(exported.ExitCode == 0, exported.ToString());
    }

    [Fact]
    public void ExportOnnxOfAFileThatIsNoModelSaysSoAndWritesNothing()
    {
        string onnx = models.File("not-a-model.onnx");
        var run = CliRun.Of("export-onnx", "--model", models.BinaryData, "--out", onnx);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(models.BinaryData, run.Error);
        Assert.False(File.Exists(onnx));
    }

    /// <summary>One raw column as the graph input of the same name: numbers as float [N, 1], text as string [N, 1].</summary>
    private static NamedOnnxValue RawColumn(IDataView data, string name) => data.Schema[name].Type switch
    {
        TextDataViewType => Scalars<string>(data, name),
        var type when type == NumberDataViewType.Single => Scalars<float>(data, name),
        var type => throw new NotSupportedException($"Column '{name}' of type {type} is not in the test table."),
    };

    private static NamedOnnxValue Scalars<T>(IDataView data, string name)
    {
        T[] values = data.GetColumn<T>(name).ToArray();
        return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<T>(values, [values.Length, 1]));
    }
}
