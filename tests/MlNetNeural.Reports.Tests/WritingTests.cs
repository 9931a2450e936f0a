using Microsoft.ML;

namespace MlNetNeural.Reports.Tests;

[Collection(TrainedModelsCollection.Name)]
public sealed class WritingTests(TrainedModels models)
{
    private readonly MLContext _ml = models.Ml;

    [Fact]
    public void WriteHtml_creates_missing_directories_replaces_an_existing_file_and_leaves_no_temp_files()
    {
        using var output = new OutputDirectory("writing");
        var path = Path.Combine(output.Path, "a", "b", "report.html");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "old content");

        EvaluationReport.ForRegression(_ml, models.RegressionScored).WriteHtml(path);

        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path));
        Assert.Equal(["report.html"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteHtml_to_an_existing_directory_says_a_file_path_is_needed()
    {
        using var output = new OutputDirectory("writing-directory");
        Directory.CreateDirectory(output.Path);

        var error = Assert.Throws<ArgumentException>(() => EvaluationReport.ForRegression(_ml, models.RegressionScored).WriteHtml(output.Path));

        Assert.Contains("is a directory; pass a file path", error.Message);
    }
}
