namespace MedicalImaging.Tabular;

/// <summary>The two tables of image measurements the default run uses (provenance in Data/README.md).</summary>
public static class ClinicalDatasets
{
    /// <summary>
    /// Breast Cancer Wisconsin (Diagnostic): 569 fine-needle aspirates, 30 nucleus measurements from the
    /// digitized image; positive = malignant (212), negative = benign (357).
    /// </summary>
    public static LabeledTable BreastCancer() => LabeledTable.ReadCsv(
        DataPath("breast_cancer_wisconsin_diagnostic.csv"), "WDBC (breast FNA, malignant vs benign)",
        labelColumn: "diagnosis", positiveValue: "M", negativeValue: "B", positiveClass: "malignant", negativeClass: "benign");

    /// <summary>
    /// Hill et al. 2007 cell segmentation: 2,019 cells, 58 shape/intensity/texture measurements from
    /// fluorescence microscopy; positive = poorly segmented (1,300), negative = well segmented (719).
    /// The cell id and the original train/test flag are dropped.
    /// </summary>
    public static LabeledTable CellSegmentation() => LabeledTable.ReadCsv(
        DataPath("cell_segmentation_hill2007.csv"), "Hill 2007 cell segmentation (poor vs good)",
        labelColumn: "Class", positiveValue: "PS", negativeValue: "WS", positiveClass: "poorly segmented", negativeClass: "well segmented",
        "Cell", "Case");

    private static string DataPath(string file) => Path.Combine(AppContext.BaseDirectory, "Data", file);
}
