namespace Perf.Harness.Reports;

/// <summary>A chart: a PNG written beside the Markdown and embedded as base64 in the HTML.</summary>
/// <param name="FileName">The PNG's file name in the run directory.</param>
/// <param name="AltText">What it shows.</param>
/// <param name="Png">The image bytes.</param>
public sealed record ReportImage(string FileName, string AltText, byte[] Png) : ReportBlock;
