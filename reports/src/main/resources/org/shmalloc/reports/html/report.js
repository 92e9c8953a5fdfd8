/* Draws the report's charts with ECharts from the JSON in #report-data, then checks each one and
   writes the outcome into the DOM: each chart container gets a data-render attribute ("ok", or
   "failed: " and the reason), and the html element gets data-report-status ("ok" or "failed"),
   data-charts-expected and data-charts-ok (counts).
   A chart counts as rendered when ECharts finished drawing it, its canvas has painted pixels and
   every series has at least one point that maps to a finite position on the axes.
   Chart kinds are builders in BUILDERS: a new kind of chart is one more entry there (the tune
   command's heat maps are the entry "heatmap"). */
(function () {
  'use strict';
  var report = window.__report;
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var specs = data.charts;
  var expected = specs.length;
  var settled = 0;
  var ok = 0;
  var html = document.documentElement;
  html.setAttribute('data-charts-expected', String(expected));
  html.setAttribute('data-charts-ok', '0');

  var VERDICT_COLORS = { regression: '#c0392b', improvement: '#27ae60', unchanged: '#7f8c8d',
    'not compared': '#bdc3c7', floor: '#2980b9' };

  function num(v) { return typeof v === 'number' && isFinite(v); }

  function percentileLabel(x) {
    if (x <= 1) { return '0%'; }
    var p = 100 * (1 - 1 / x);
    var digits = Math.max(0, Math.round(Math.log10(x)) - 2);
    return p.toFixed(digits) + '%';
  }

  function base(spec) {
    return {
      animation: false,
      title: { text: spec.title, subtext: spec.subtitle || '', left: 'center',
        textStyle: { fontSize: 14 }, subtextStyle: { fontSize: 11 } },
      tooltip: { trigger: 'item', confine: true },
      legend: { top: spec.subtitle ? 44 : 28, type: 'scroll' },
      grid: { left: 24, right: 40, top: spec.subtitle ? 100 : 84, bottom: 48, containLabel: true }
    };
  }

  function line(x1, y1, x2, y2, style) {
    return { type: 'line', shape: { x1: x1, y1: y1, x2: x2, y2: y2 }, style: style };
  }

  /* An error bar from lo to hi at category/value x; offset shifts it onto series i of n bars. */
  function errorBars(name, points, seriesIndex, seriesCount, horizontal, color) {
    return {
      type: 'custom', name: name, z: 10, silent: true, clip: true,
      encode: horizontal ? { y: 0, x: [1, 2] } : { x: 0, y: [1, 2] },
      data: points,
      renderItem: function (params, api) {
        var at = api.value(0);
        var lo = horizontal ? api.coord([api.value(1), at]) : api.coord([at, api.value(1)]);
        var hi = horizontal ? api.coord([api.value(2), at]) : api.coord([at, api.value(2)]);
        var band = seriesCount > 0 ? (horizontal ? api.size([0, 1])[1] : api.size([1, 0])[0]) : 0;
        var usable = band * 0.8;
        var shift = seriesCount > 0 ? -usable / 2 + (seriesIndex + 0.5) * usable / seriesCount : 0;
        var cap = seriesCount > 0 ? Math.min(usable / seriesCount * 0.3, 6) : 5;
        var style = { stroke: color || '#333', lineWidth: 1.2 };
        if (horizontal) {
          var y = lo[1] + shift;
          return { type: 'group', children: [line(lo[0], y, hi[0], y, style),
            line(lo[0], y - cap, lo[0], y + cap, style), line(hi[0], y - cap, hi[0], y + cap, style)] };
        }
        var x = lo[0] + shift;
        return { type: 'group', children: [line(x, lo[1], x, hi[1], style),
          line(x - cap, lo[1], x + cap, lo[1], style), line(x - cap, hi[1], x + cap, hi[1], style)] };
      }
    };
  }

  /* A value axis, logarithmic when the spec asks (values over orders of magnitude). */
  function valueAxis(spec) {
    if (!spec.logY) { return { type: 'value', name: spec.yName }; }
    /* the axis starts at the power of ten below the smallest score, whatever the error bars say */
    var smallest = Infinity;
    spec.series.forEach(function (s) {
      s.points.forEach(function (p) { if (num(p.y) && p.y > 0) { smallest = Math.min(smallest, p.y); } });
    });
    var axis = { type: 'log', logBase: 10, name: spec.yName };
    if (isFinite(smallest)) { axis.min = Math.pow(10, Math.floor(Math.log10(smallest))); }
    return axis;
  }

  /* An error bar's low end: never below zero; on a log axis, where zero has no place, a low end
     at or below zero is drawn to the bottom of the plot (the part past the axis is clipped). */
  function low(spec, lo, y) {
    return spec.logY ? (lo > 0 ? lo : y / 1e3) : Math.max(0, lo);
  }

  function fmt(v) {
    if (!num(v)) { return '–'; }
    var a = Math.abs(v);
    return a >= 100 ? v.toFixed(1) : a >= 1 ? v.toFixed(3) : v.toPrecision(3);
  }

  function pointTooltip(spec) {
    return function (p) {
      var d = p.data && p.data.point;
      if (!d) { return p.seriesName; }
      var head = p.seriesName + (d.x !== undefined && d.x !== null ? ' @ ' + d.x : '');
      var body = fmt(d.y) + (num(d.lo) && num(d.hi) ? ' [' + fmt(d.lo) + ', ' + fmt(d.hi) + ']' : '');
      return head + '<br>' + body + ' ' + (spec.yName || '') + (d.label ? '<br>' + d.label : '');
    };
  }

  /* A heat map cell's text: three significant digits at most, no exponent. */
  function cellText(v) {
    var a = Math.abs(v);
    return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toPrecision(2);
  }

  /* Colours from bad to good (ColorBrewer's RdYlGn). */
  var BAD_TO_GOOD = ['#d73027', '#fc8d59', '#fee08b', '#d9ef8b', '#91cf60', '#1a9850'];

  var BUILDERS = {
    /* A value per (column, row) cell: columns are spec.categories, rows the series (one per row,
       named after it), a point's x its column and y its value. marks.good > marks.bad means
       higher is better (the default); the colour scale spans the data, and at least marks.span
       around its middle. A point labelled
       "recommended" gets a heavy border and a star. */
    heatmap: function (spec) {
      var option = base(spec);
      var cols = spec.categories;
      var rows = spec.series.map(function (s) { return s.name; });
      var lowerIsBetter = spec.marks && num(spec.marks.good) && num(spec.marks.bad) && spec.marks.good < spec.marks.bad;
      var lo = Infinity;
      var hi = -Infinity;
      option.legend.show = false;
      option.grid.right = 96;
      option.grid.left = 12;
      option.tooltip.formatter = function (p) {
        var d = p.data && p.data.point;
        if (!d) { return p.seriesName; }
        return spec.yName + ' ' + p.seriesName + ', ' + spec.xName + ' ' + d.x + '<br>' + fmt(d.y)
          + (d.label ? '<br>' + d.label : '');
      };
      option.xAxis = { type: 'category', data: cols, name: spec.xName, nameLocation: 'middle', nameGap: 28,
        splitArea: { show: true } };
      option.yAxis = { type: 'category', data: rows, name: spec.yName, splitArea: { show: true } };
      option.series = spec.series.map(function (s, row) {
        var cells = [];
        s.points.forEach(function (p) {
          var c = cols.indexOf(String(p.x));
          if (c < 0) { throw new Error('chart ' + spec.id + ': point ' + p.x + ' is not a category'); }
          if (!num(p.y)) { return; }
          lo = Math.min(lo, p.y);
          hi = Math.max(hi, p.y);
          var picked = p.label === 'recommended';
          cells.push({ value: [c, row, p.y], point: p,
            itemStyle: picked ? { borderColor: '#111', borderWidth: 3 } : { borderColor: '#fff', borderWidth: 1 },
            label: { fontWeight: picked ? 'bold' : 'normal' } });
        });
        return { type: 'heatmap', name: s.name, data: cells,
          label: { show: true, fontSize: 11, formatter: function (p) {
            return (p.data.point.label === 'recommended' ? '\u2605 ' : '') + cellText(p.data.value[2]);
          } } };
      });
      if (!isFinite(lo)) { lo = 0; hi = 1; }
      var span = spec.marks && num(spec.marks.span) ? spec.marks.span : 0;
      if (hi - lo < span) { var mid = (lo + hi) / 2; lo = mid - span / 2; hi = mid + span / 2; }
      if (lo === hi) { lo -= Math.abs(lo) * 0.01 || 1; hi += Math.abs(hi) * 0.01 || 1; }
      option.visualMap = { type: 'continuous', min: lo, max: hi, dimension: 2, calculable: false,
        orient: 'vertical', right: 8, top: 'middle', itemHeight: Math.max(60, (spec.height || 300) - 170),
        text: [lowerIsBetter ? 'worse' : 'better', lowerIsBetter ? 'better' : 'worse'],
        formatter: function (v) { return cellText(v); },
        inRange: { color: lowerIsBetter ? BAD_TO_GOOD.slice().reverse() : BAD_TO_GOOD } };
      return option;
    },
    /* Bars with error bars: one bar per category and series. */
    bars: function (spec) {
      var option = base(spec);
      var cats = spec.categories;
      var n = spec.series.length;
      option.tooltip.formatter = pointTooltip(spec);
      option.xAxis = { type: 'category', data: cats, name: spec.xName, nameLocation: 'middle', nameGap: 32,
        axisLabel: { interval: 0, rotate: cats.length > 6 ? 30 : 0 } };
      option.yAxis = valueAxis(spec);
      option.series = [];
      spec.series.forEach(function (s, i) {
        var values = cats.map(function () { return null; });
        var bars = [];
        s.points.forEach(function (p) {
          var c = cats.indexOf(String(p.x));
          if (c < 0) { throw new Error('chart ' + spec.id + ': point ' + p.x + ' is not a category'); }
          values[c] = { value: p.y, point: p };
          if (num(p.lo) && num(p.hi)) { bars.push([c, low(spec, p.lo, p.y), p.hi]); }
        });
        option.series.push({ type: 'bar', name: s.name, data: values, barGap: '0%', barCategoryGap: '20%' });
        option.series.push(errorBars(s.name, bars, i, n, false));
      });
      return option;
    },
    /* Lines over a numeric x (occupancy), with error bars. */
    lines: function (spec) {
      var option = base(spec);
      option.tooltip.formatter = pointTooltip(spec);
      option.xAxis = { type: 'value', name: spec.xName, nameLocation: 'middle', nameGap: 28, scale: true };
      option.yAxis = valueAxis(spec);
      option.series = [];
      spec.series.forEach(function (s) {
        var pts = s.points.slice().sort(function (a, b) { return a.x - b.x; });
        option.series.push({ type: 'line', name: s.name, symbolSize: 7,
          data: pts.map(function (p) { return { value: [Number(p.x), p.y], point: p }; }) });
        option.series.push(errorBars(s.name, pts.filter(function (p) { return num(p.lo) && num(p.hi); })
          .map(function (p) { return [Number(p.x), low(spec, p.lo, p.y), p.hi]; }), 0, 0, false));
      });
      return option;
    },
    /* Latency against percentile, HdrHistogram's way: x is 1/(1-p) on a log axis. */
    latency: function (spec) {
      var option = base(spec);
      option.tooltip.trigger = 'axis';
      option.tooltip.valueFormatter = function (v) { return fmt(v) + ' ' + spec.yName; };
      option.xAxis = { type: 'log', logBase: 10, min: 1, name: spec.xName, nameLocation: 'middle', nameGap: 28,
        axisLabel: { formatter: percentileLabel }, axisPointer: { label: { formatter: function (p) {
          return percentileLabel(p.value);
        } } } };
      option.yAxis = { type: 'log', logBase: 10, name: spec.yName };
      option.series = spec.series.map(function (s) {
        return { type: 'line', name: s.name, showSymbol: false, step: 'end',
          data: s.points.filter(function (p) { return num(p.x) && num(p.y) && p.x >= 1 && p.y > 0; })
            .map(function (p) { return [p.x, p.y]; }) };
      });
      return option;
    },
    /* Comparison with the baseline: one horizontal bar per benchmark, coloured by verdict. */
    ratios: function (spec) {
      var option = base(spec);
      var cats = spec.categories;
      option.legend.show = false;
      option.tooltip.formatter = pointTooltip(spec);
      option.grid.left = 12;
      option.yAxis = { type: 'category', data: cats, inverse: true, axisLabel: { fontSize: 10 } };
      option.xAxis = { type: 'value', name: spec.xName, nameLocation: 'middle', nameGap: 28 };
      var s = spec.series[0];
      var values = cats.map(function () { return null; });
      var bars = [];
      /* Error bars wider than the data are cut at the axis end (the table gives the whole range). */
      var cap = 2;
      s.points.forEach(function (p) { if (num(p.y)) { cap = Math.max(cap, 1.25 * p.y); } });
      cap = Math.ceil(cap * 2) / 2;
      option.xAxis.max = cap;
      option.xAxis.min = 0;
      s.points.forEach(function (p) {
        var c = cats.indexOf(String(p.x));
        if (c < 0) { throw new Error('chart ' + spec.id + ': point ' + p.x + ' is not a category'); }
        values[c] = { value: p.y, point: p, itemStyle: { color: VERDICT_COLORS[p.label] || '#7f8c8d' } };
        if (num(p.lo) && num(p.hi)) { bars.push([c, Math.min(p.lo, cap), Math.min(p.hi, cap)]); }
      });
      var marks = [{ xAxis: 1, lineStyle: { color: '#333' } }];
      if (spec.marks && num(spec.marks.slower)) {
        marks.push({ xAxis: spec.marks.slower, lineStyle: { color: VERDICT_COLORS.regression, type: 'dashed' } });
      }
      if (spec.marks && num(spec.marks.faster)) {
        marks.push({ xAxis: spec.marks.faster, lineStyle: { color: VERDICT_COLORS.improvement, type: 'dashed' } });
      }
      option.series = [{ type: 'bar', name: s.name, data: values, barCategoryGap: '20%',
        markLine: { silent: true, symbol: 'none', label: { show: false }, data: marks } },
        errorBars(s.name, bars, 0, 1, true)];
      return option;
    }
  };

  function painted(el) {
    var canvas = el.querySelector('canvas');
    if (!canvas || canvas.width === 0 || canvas.height === 0) { return 0; }
    var pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    var count = 0;
    for (var i = 3; i < pixels.length; i += 4) {
      if (pixels[i] !== 0) { count++; }
    }
    return count;
  }

  /* Every drawn series must have a point that lands on the chart (a finite pixel position). */
  function emptySeries(chart, option) {
    var categoryY = option.yAxis && option.yAxis.type === 'category';
    var empty = [];
    option.series.forEach(function (s, i) {
      if (s.type === 'custom') { return; }
      var found = (s.data || []).some(function (d, j) {
        if (d === null || d === undefined) { return false; }
        var v = d.value !== undefined ? d.value : d;
        var at;
        if (Array.isArray(v)) {
          at = v;
        } else if (num(v)) {
          at = categoryY ? [v, j] : [j, v];
        } else {
          return false;
        }
        var pixel = chart.convertToPixel({ seriesIndex: i }, at);
        return Array.isArray(pixel) && num(pixel[0]) && num(pixel[1]);
      });
      if (!found) { empty.push(s.name || ('#' + i)); }
    });
    return empty;
  }

  function settle(el, verdict) {
    if (el.hasAttribute('data-render')) { return; }
    el.setAttribute('data-render', verdict);
    settled++;
    if (verdict === 'ok') {
      ok++;
    } else {
      report.record('chart ' + el.id + ' did not render: ' + verdict.replace(/^failed: /, ''));
    }
    html.setAttribute('data-charts-ok', String(ok));
    if (settled === expected) { finish(); }
  }

  function finish() {
    report.show();
    var good = ok === expected && report.errors.length === 0;
    html.setAttribute('data-report-status', good ? 'ok' : 'failed');
    var status = document.getElementById('report-status');
    if (status) {
      status.textContent = good ? expected + ' charts rendered'
        : ok + ' of ' + expected + ' charts rendered, ' + report.errors.length + ' error(s)';
    }
  }

  function draw(spec) {
    var el = document.getElementById(spec.id);
    if (!el) {
      report.record('chart ' + spec.id + ' has no container');
      settled++;
      if (settled === expected) { finish(); }
      return;
    }
    try {
      var builder = BUILDERS[spec.kind];
      if (!builder) { throw new Error('unknown chart kind "' + spec.kind + '"'); }
      if (!spec.series || spec.series.length === 0) { throw new Error('no series'); }
      var option = builder(spec);
      var chart = echarts.init(el, null, { renderer: 'canvas' });
      chart.on('finished', function () {
        try {
          var empty = emptySeries(chart, option);
          if (empty.length > 0) {
            settle(el, 'failed: no drawable point in series ' + empty.join(', '));
          } else if (painted(el) === 0) {
            settle(el, 'failed: nothing painted');
          } else {
            settle(el, 'ok');
          }
        } catch (e) {
          settle(el, 'failed: ' + e.message);
        }
      });
      chart.setOption(option);
      window.addEventListener('resize', function () { chart.resize(); });
    } catch (e) {
      settle(el, 'failed: ' + e.message);
    }
  }

  if (expected === 0) {
    finish();
  } else {
    specs.forEach(draw);
    /* A chart that never reports back counts as not rendered. */
    setTimeout(function () {
      specs.forEach(function (spec) {
        var el = document.getElementById(spec.id);
        if (el) { settle(el, 'failed: did not finish rendering'); }
      });
    }, 4000);
  }
}());
