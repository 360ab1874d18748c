import { use } from 'echarts/core'
import { LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'

// Only the ECharts parts the app uses, rendered as SVG (crisp at any zoom, no canvas needed).
use([LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer])

export { default as VChart } from 'vue-echarts'
