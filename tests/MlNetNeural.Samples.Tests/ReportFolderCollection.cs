namespace MlNetNeural.Samples.Tests;

/// <summary>
/// The tests that set the medical sample's static <c>RunReport.ReportFolder</c> run one at a time and put it back: set by
/// one test class while another ran the sample, it sent that run's image attributions into the first test's temporary
/// folder after the folder was deleted, which left a folder behind in the temp directory on every run.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReportFolderCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "RunReport.ReportFolder";

    /// <summary>Runs <paramref name="test"/> with the report folder set to <paramref name="folder"/>, and puts the previous one back.</summary>
    public static void With(string folder, Action test)
    {
        string previous = MedicalImaging.Reporting.RunReport.ReportFolder;
        MedicalImaging.Reporting.RunReport.ReportFolder = folder;
        try
        {
            test();
        }
        finally
        {
            MedicalImaging.Reporting.RunReport.ReportFolder = previous;
        }
    }
}
