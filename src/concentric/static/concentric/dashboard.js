// The dashboard's charts (Apache ECharts, served from our own origin): each chart of the page's
// JSON (#dashboard-data) drawn into its [data-chart] box, redrawn when the window is resized.
// Tooltips are plain text (renderMode richText): the pages' security policy allows no inline styles.
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || !window.echarts) return;
  var data = JSON.parse(source.textContent);
  var narrow = window.matchMedia("(max-width: 575.98px)").matches;

  function pieOption(chart) {
    var series = chart.series[0];
    return {
      tooltip: { trigger: "item", renderMode: "richText", formatter: "{b}: {c} ({d}%)" },
      legend: { type: "scroll", bottom: 0 },
      series: [
        {
          name: series.name,
          type: "pie",
          radius: narrow ? ["30%", "60%"] : ["32%", "58%"],
          center: ["50%", "45%"],
          // Small slices go unlabelled (the legend and the table name them); long names wrap.
          minShowLabelAngle: 12,
          label: { show: !narrow, formatter: "{b}: {c}", overflow: "break", width: 120 },
          labelLine: { length: 10, length2: 8 },
          data: chart.categories.map(function (name, index) {
            return { name: name, value: series.data[index] };
          }),
        },
      ],
    };
  }

  function axisOption(chart) {
    var twoAxes = chart.series.some(function (series) { return series.axis === 1; });
    var yAxis = [{ type: "value", minInterval: 1 }];
    if (twoAxes) yAxis.push({ type: "value", splitLine: { show: false } });
    return {
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: { type: "scroll", top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: "category",
        data: chart.categories,
        axisLabel: { hideOverlap: true, rotate: chart.categories.length > 6 && narrow ? 45 : 0 },
      },
      yAxis: yAxis,
      series: chart.series.map(function (series) {
        var drawn = {
          name: series.name,
          type: series.type,
          data: series.data,
          yAxisIndex: series.axis === 1 ? 1 : 0,
        };
        if (series.step) drawn.step = "start";
        if (series.type === "line") drawn.symbolSize = 4;
        return drawn;
      }),
    };
  }

  var drawn = [];
  data.charts.forEach(function (chart) {
    var box = document.querySelector('[data-chart="' + chart.slug + '"]');
    if (!box) return;
    var instance = window.echarts.init(box, null, { renderer: "canvas" });
    instance.setOption(chart.kind === "pie" ? pieOption(chart) : axisOption(chart));
    box.setAttribute("data-drawn", "1");
    drawn.push(instance);
  });
  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      drawn.forEach(function (instance) { instance.resize(); });
    }, 100);
  });
})();
